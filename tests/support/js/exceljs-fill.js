// Open a workbook with ExcelJS, set cells, write it as .xlsx, as a Node.js back end does.
// Reads one JSON request on stdin: {"src": path, "dest": path, "cells": {sheet: {"C12": 3, ...}}}.
"use strict";
const fs = require("fs");
const ExcelJS = require("exceljs");

async function main() {
  const request = JSON.parse(fs.readFileSync(0, "utf8"));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(request.src);
  for (const [name, cells] of Object.entries(request.cells)) {
    const ws = wb.getWorksheet(name);
    if (!ws) throw new Error(`no sheet ${name}`);
    for (const [address, value] of Object.entries(cells)) ws.getCell(address).value = value;
  }
  await wb.xlsx.writeFile(request.dest);
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : String(error));
  process.exit(1);
});
