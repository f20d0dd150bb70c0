// Runs the site's own search script (static/search.js) under Node against a folder laid
// out as the site bucket: reads the queries (a JSON list) from the file named second, and
// prints, for each, the addresses of its first results and how many it found.
"use strict";
const fs = require("fs");
const path = require("path");
const search = require(path.resolve(__dirname, "../../shared/newsroom/site/static/search.js"));

const [folder, queriesFile, shownArg] = process.argv.slice(2);
const shown = Number(shownArg || 3);
let reads = 0;
let bytes = 0;
function readJson(address) {
  const file = path.join(folder, address);
  return new Promise((resolve) => {
    fs.readFile(file, (error, data) => {
      if (error) { resolve({}); return; }
      reads += 1;
      bytes += data.length;
      resolve(JSON.parse(data.toString("utf8")));
    });
  });
}

async function main() {
  const queries = JSON.parse(fs.readFileSync(queriesFile, "utf8"));
  const answers = [];
  for (const query of queries) {
    reads = 0;
    bytes = 0;
    const found = await search.search(query, readJson);
    const docs = await search.documents(found.manifest || {}, found.ranked.slice(0, shown), readJson);
    answers.push({ query, paths: docs.map((d) => d[1]), total: found.ranked.length, full: found.full, reads, bytes });
  }
  process.stdout.write(JSON.stringify(answers));
}
main().catch((error) => { process.stderr.write(String(error.stack || error)); process.exit(1); });
