// Open a workbook with SheetJS (npm "xlsx"), set cells, write it as .xlsx or .ods: what a web
// portal's Excel export does to a province's return. Reads one JSON request on stdin:
// {"src": path, "dest": path, "format": "xlsx" | "ods", "cells": {sheet: {"C12": 3, ...}}}.
"use strict";
const fs = require("fs");
const XLSX = require("xlsx");

const request = JSON.parse(fs.readFileSync(0, "utf8"));
const wb = XLSX.readFile(request.src, { cellFormula: true, cellStyles: true });
for (const [name, cells] of Object.entries(request.cells)) {
  const ws = wb.Sheets[name];
  if (!ws) throw new Error(`no sheet ${name}`);
  for (const [address, value] of Object.entries(cells)) {
    if (value === null) delete ws[address];
    else ws[address] = typeof value === "number" ? { t: "n", v: value } : { t: "s", v: String(value) };
  }
}
XLSX.writeFile(wb, request.dest, { bookType: request.format });
