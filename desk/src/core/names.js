// A photo's name as the API and the body know it: ASCII letters, digits, '.', '_' and
// '-', starting with a letter or digit, at most 100 characters; Vietnamese letters lose
// their marks ("đ" becomes "d": it does not decompose).

const TYPES = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
  "image/heic": "heic",
  "image/heif": "heif",
};

export function acceptedType(file) {
  if (TYPES[file.type]) return file.type;
  const extension = (file.name.split(".").pop() || "").toLowerCase();
  const byExtension = { jpg: "image/jpeg", jpeg: "image/jpeg", png: "image/png", webp: "image/webp", heic: "image/heic", heif: "image/heif" };
  return byExtension[extension] || null;
}

export function photoName(fileName, contentType, taken) {
  const extension = TYPES[contentType] || "jpg";
  const stem =
    fileName
      .replace(/\.[^.]*$/, "")
      .replace(/đ/g, "d")
      .replace(/Đ/g, "D")
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80) || "anh";
  let name = `${stem}.${extension}`;
  for (let n = 2; taken.has(name); n += 1) name = `${stem}-${n}.${extension}`;
  return name;
}
