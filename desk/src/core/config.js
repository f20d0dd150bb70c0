// The desk's runtime settings: config.json next to index.html, written by whoever hosts
// the desk (the local stack, or the deployment), so one build serves every stage.

const REQUIRED = ["apiUrl", "siteUrl", "region", "userPoolId", "clientId", "cognitoEndpoint"];

export async function loadConfig() {
  const response = await fetch(new URL("config.json", document.baseURI), { cache: "no-store" });
  if (!response.ok) throw new Error(`config.json: ${response.status}`);
  const config = await response.json();
  for (const name of REQUIRED) {
    if (typeof config[name] !== "string" || !config[name]) throw new Error(`config.json: ${name}`);
  }
  return {
    ...config,
    apiUrl: config.apiUrl.replace(/\/+$/, ""),
    siteUrl: config.siteUrl.replace(/\/+$/, ""),
    cognitoEndpoint: config.cognitoEndpoint.replace(/\/+$/, "") + "/",
  };
}
