"""thidua-toolkit: templates, checks and summaries for the award tables of an emulation cluster."""
