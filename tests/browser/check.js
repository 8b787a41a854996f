// Checks for tests/browser/run.sh, with nothing but Node's standard library:
//   node check.js figures PAGE_DOM.html DOCUMENT.json MIN   every data-json/data-value pair in the
//       DOM Chromium dumped is the number the JSON document holds at that pointer (and >= MIN)
//   node check.js png SHOT.png                              the screenshot is not blank: at least
//       two colours, and at least 1% of its pixels not the most common one
//   node check.js pdf FILE.pdf                              a PDF of at least one page
'use strict';
const fs = require('fs');
const zlib = require('zlib');

function fail(message) {
  console.error(message);
  process.exit(1);
}

function unescapeHtml(text) {
  return text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function atPointer(document, pointer) {
  let value = document;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (value === null || typeof value !== 'object' || !(key in value)) {
      fail(`no ${pointer} in the JSON document`);
    }
    value = value[key];
  }
  return value;
}

function figures(domFile, jsonFile, atLeast) {
  const dom = fs.readFileSync(domFile, 'utf8');
  const document = JSON.parse(fs.readFileSync(jsonFile, 'utf8'));
  const pattern = /data-json="([^"]*)" data-value="([^"]*)"/g;
  let checked = 0;
  for (const match of dom.matchAll(pattern)) {
    const pointer = unescapeHtml(match[1]);
    const shown = JSON.parse(unescapeHtml(match[2]));
    const expected = atPointer(document, pointer);
    if (shown !== expected) {
      fail(`${pointer}: the page has ${JSON.stringify(shown)}, the JSON ${JSON.stringify(expected)}`);
    }
    ++checked;
  }
  if (checked < atLeast) {
    fail(`only ${checked} figures in the DOM (expected at least ${atLeast})`);
  }
  console.log(`${checked} figures equal to the JSON document's`);
}

function png(file) {
  const data = fs.readFileSync(file);
  if (data.length < 8 || data.readUInt32BE(0) !== 0x89504e47) {
    fail(`${file}: not a PNG`);
  }
  let offset = 8;
  let width = 0, height = 0, depth = 0, type = 0;
  const idat = [];
  while (offset < data.length) {
    const length = data.readUInt32BE(offset);
    const name = data.toString('ascii', offset + 4, offset + 8);
    const body = data.subarray(offset + 8, offset + 8 + length);
    if (name === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      depth = body[8];
      type = body[9];
    } else if (name === 'IDAT') {
      idat.push(body);
    }
    offset += 12 + length;
  }
  const channels = {0: 1, 2: 3, 4: 2, 6: 4}[type];
  if (depth !== 8 || !channels) {
    fail(`${file}: PNG of bit depth ${depth}, colour type ${type}: not what Chromium writes`);
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  let previous = Buffer.alloc(stride);
  const counts = new Map();
  for (let y = 0; y < height; ++y) {
    const filter = raw[y * (stride + 1)];
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; ++i) {
      const a = i >= channels ? line[i - channels] : 0;
      const b = previous[i];
      const c = i >= channels ? previous[i - channels] : 0;
      let add = 0;
      if (filter === 1) add = a;
      else if (filter === 2) add = b;
      else if (filter === 3) add = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        add = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c);
      }
      line[i] = (line[i] + add) & 0xff;
    }
    for (let x = 0; x < stride; x += channels) {
      const key = line.subarray(x, x + channels).toString('hex');
      counts.set(key, (counts.get(key) || 0) + 1);
    }
    previous = line;
  }
  const most = Math.max(...counts.values());
  const pixels = width * height;
  if (counts.size < 2 || (pixels - most) / pixels < 0.01) {
    fail(`${file}: ${width}x${height} is blank (${counts.size} colours, ${pixels - most} pixels off the background)`);
  }
  console.log(`${file}: ${width}x${height}, ${counts.size} colours, ${((100 * (pixels - most)) / pixels).toFixed(1)}% ink`);
}

function pdf(file) {
  const data = fs.readFileSync(file);
  if (data.toString('ascii', 0, 5) !== '%PDF-' || !/\/Type\s*\/Page\b/.test(data.toString('latin1'))) {
    fail(`${file}: not a PDF with a page`);
  }
  console.log(`${file}: a PDF of ${data.length} bytes`);
}

const [command, ...args] = process.argv.slice(2);
if (command === 'figures') figures(args[0], args[1], Number(args[2] || 1));
else if (command === 'png') png(args[0]);
else if (command === 'pdf') pdf(args[0]);
else fail(`usage: node check.js figures|png|pdf ...`);
