// Where the desk is, in the address's fragment (#/, #/bai-moi, #/bai/<id>, #/bai/<id>/phien-ban),
// so that the server serves one index.html and Back and Forward work.

export function parseRoute(hash = location.hash) {
  const [path, search = ""] = hash.replace(/^#/, "").split("?");
  const params = Object.fromEntries(new URLSearchParams(search));
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  if (parts[0] === "bai-moi") return { view: "editor", id: null, params };
  if (parts[0] === "bai" && parts[1]) {
    return { view: parts[2] === "phien-ban" ? "revisions" : "editor", id: parts[1], params };
  }
  return { view: "list", params };
}

export function href(view, id, params) {
  const search = params ? new URLSearchParams(Object.entries(params).filter(([, v]) => v)).toString() : "";
  const tail = search ? `?${search}` : "";
  if (view === "new") return `#/bai-moi${tail}`;
  if (view === "editor") return `#/bai/${encodeURIComponent(id)}${tail}`;
  if (view === "revisions") return `#/bai/${encodeURIComponent(id)}/phien-ban${tail}`;
  return `#/${tail}`;
}

export function go(target) {
  history.pushState(null, "", target);
  window.dispatchEvent(new HashChangeEvent("hashchange"));
}

/** The address names what is already shown (a new article that now has an id): no
 * navigation, no focus move. */
export function replaceAddress(target) {
  history.replaceState(null, "", target);
  window.dispatchEvent(new Event("desk-address"));
}
