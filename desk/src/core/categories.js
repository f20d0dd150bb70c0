// The site's categories (slug and name), for the category select and the list: from
// config.json when its host lists them, else from site.json, which the desk's build
// writes from the site's own configuration (shared/newsroom/site/site.toml).

let cached = null;

const clean = (list) =>
  Array.isArray(list) ? list.filter((c) => c && c.slug).map((c) => ({ slug: String(c.slug), name: String(c.name || c.slug) })) : [];

export async function loadCategories(config) {
  if (cached) return cached;
  cached = (async () => {
    const configured = clean(config.categories);
    if (configured.length) return configured;
    try {
      const response = await fetch(new URL("site.json", document.baseURI));
      return response.ok ? clean((await response.json()).categories) : [];
    } catch {
      return [];
    }
  })();
  return cached;
}

export function categoryName(categories, slug) {
  return categories.find((c) => c.slug === slug)?.name || slug;
}
