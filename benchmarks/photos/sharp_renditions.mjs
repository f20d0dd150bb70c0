// The same rendition set as our pipeline, made by sharp: five widths, WebP and JPEG,
// at the same quality settings, each photo's outputs made concurrently (sharp's own way).
// Usage: node sharp_renditions.mjs ROUNDS PHOTO...
// Prints {"wall": {"photo": [ms, ...]}, "cpu": {"photo": [ms, ...]}} as JSON; CPU time
// counts every thread of the process (libvips' and libuv's workers included).
import fs from "node:fs";
import sharp from "sharp";

const WIDTHS = [320, 640, 960, 1280, 1920];
const JPEG = { quality: 82, progressive: true, optimizeCoding: true };
const WEBP = { quality: 80, effort: 4 };

async function renditions(input) {
  const photo = sharp(input);
  const outputs = WIDTHS.flatMap((width) => [
    photo.clone().resize({ width, withoutEnlargement: true }).jpeg(JPEG).toBuffer(),
    photo.clone().resize({ width, withoutEnlargement: true }).webp(WEBP).toBuffer(),
  ]);
  return Promise.all(outputs);
}

const [rounds, ...paths] = process.argv.slice(2);
const photos = paths.map((path) => [path, fs.readFileSync(path)]);
await renditions(photos[0][1]); // warm up: load libvips, fill caches
const wall = Object.fromEntries(paths.map((path) => [path, []]));
const cpu = Object.fromEntries(paths.map((path) => [path, []]));
for (let round = 0; round < Number(rounds); round++) {
  for (const [path, input] of photos) {
    const start = performance.now();
    const used = process.cpuUsage();
    await renditions(input);
    const spent = process.cpuUsage(used);
    wall[path].push(performance.now() - start);
    cpu[path].push((spent.user + spent.system) / 1000);
  }
}
process.stdout.write(JSON.stringify({ wall, cpu }));
