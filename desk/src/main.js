// The desk starts here: read config.json, then show the shell.
import { loadConfig } from "./core/config.js";
import { Session } from "./core/session.js";
import { Api } from "./core/api.js";
import { t } from "./core/i18n.js";
import { DeskApp } from "./views/app.js";

async function start() {
  const root = document.getElementById("desk");
  try {
    const config = await loadConfig();
    const session = new Session(config);
    const api = new Api(config, session);
    root.replaceChildren(new DeskApp(config, session, api));
  } catch (error) {
    const message = document.createElement("p");
    message.className = "alert alert-error";
    message.setAttribute("role", "alert");
    message.textContent = t.loadFailed;
    root.replaceChildren(message);
    console.error(error);
  }
}

start();
