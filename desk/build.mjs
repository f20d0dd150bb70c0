// Builds the desk into dist/: one minified script (with its lazily loaded parts) and one
// stylesheet, named by their content's hash, and the index.html that names them. Nothing
// inline: the desk's Content-Security-Policy allows scripts and styles from itself only.
import * as esbuild from "esbuild";
import { mkdir, rm, writeFile, copyFile, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, "dist");

await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });

const result = await esbuild.build({
  entryPoints: { desk: path.join(here, "src/main.js"), style: path.join(here, "src/desk.css") },
  outdir: path.join(dist, "assets"),
  entryNames: "[name]-[hash]",
  chunkNames: "[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  minify: true,
  target: ["chrome111", "firefox115", "safari16"],
  legalComments: "linked",
  metafile: true,
  logLevel: "warning",
});

const outputs = Object.entries(result.metafile.outputs);
const find = (entry, ext) => {
  const found = outputs.find(([file, meta]) => meta.entryPoint?.endsWith(entry) && file.endsWith(ext));
  if (!found) throw new Error(`no output for ${entry}`);
  return path.relative(dist, found[0]).split(path.sep).join("/");
};
const script = find("src/main.js", ".js");
const style = find("src/desk.css", ".css");

await copyFile(path.join(here, "src/icon.svg"), path.join(dist, "icon.svg"));

// The site's categories, for the category select: from the site's own configuration
// (shared/newsroom/site/site.toml), read when the desk is built from the same tree.
// Only its [[categories]] tables are read, each a slug and a name in double quotes.
const siteToml = await readFile(path.join(here, "../shared/newsroom/site/site.toml"), "utf8");
const categories = [];
let current = null;
for (const line of siteToml.split("\n").map((l) => l.trim())) {
  if (line.startsWith("[")) {
    current = line === "[[categories]]" ? {} : null;
    if (current) categories.push(current);
    continue;
  }
  const setting = current && /^(slug|name)\s*=\s*"((?:[^"\\]|\\.)*)"\s*(#.*)?$/.exec(line);
  if (setting) current[setting[1]] = JSON.parse(`"${setting[2]}"`);
}
if (!categories.length || categories.some((c) => !c.slug || !c.name)) {
  throw new Error("site.toml: every [[categories]] needs a slug and a name");
}
await writeFile(path.join(dist, "site.json"), JSON.stringify({ categories }, null, 1) + "\n");
await writeFile(
  path.join(dist, "index.html"),
  `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Bàn biên tập</title>
<link rel="icon" href="icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="${style}">
<script type="module" src="${script}"></script>
</head>
<body>
<div id="desk"><p class="loading">Đang tải…</p></div>
</body>
</html>
`,
);

// The stylesheet entry also emits an empty script; drop it.
for (const [file, meta] of outputs) {
  if (meta.entryPoint?.endsWith("src/desk.css") && file.endsWith(".js")) await rm(file);
}
console.log(`desk built: ${script}, ${style}`);
