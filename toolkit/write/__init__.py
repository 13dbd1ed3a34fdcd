"""The workbooks the toolkit writes, in one house style: the unit's template and the cluster's summary."""
