// Validates JSON (or JSON Lines) files against breakeven's schemas with Ajv (Debian's node-ajv).
// Usage: node validate.js SCHEMA_DIR KIND FILE   (KIND: scenario, rate-table, budget)
// Prints "valid" or the errors; exit 0 when every document is valid, 1 when one is not.
'use strict';
const fs = require('fs');
const path = require('path');
const Ajv = require('ajv');

const [schemaDir, kind, file] = process.argv.slice(2);
const ajv = new Ajv({allErrors: true});
for (const name of ['scenario', 'rate-table', 'budget']) {
  ajv.addSchema(JSON.parse(fs.readFileSync(path.join(schemaDir, `${name}.schema.json`), 'utf8')));
}
const validate = ajv.getSchema(`https://breakeven.invalid/schema/${kind}.schema.json`);
const text = fs.readFileSync(file, 'utf8');
const documents = file.endsWith('.jsonl') ? text.split('\n').filter((line) => line.trim() !== '') : [text];
let ok = true;
for (const [i, document] of documents.entries()) {
  let value;
  try {
    value = JSON.parse(document);
  } catch (e) {
    console.log(`${file}#${i + 1}: not JSON: ${e.message}`);
    ok = false;
    continue;
  }
  if (!validate(value)) {
    console.log(`${file}#${i + 1}: ${ajv.errorsText(validate.errors)}`);
    ok = false;
  }
}
if (ok) {
  console.log('valid');
}
process.exit(ok ? 0 : 1);
