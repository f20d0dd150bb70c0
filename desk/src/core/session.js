// Signing in with the user pool's own API (InitiateAuth, RespondToAuthChallenge,
// GlobalSignOut), as JSON POSTs: no SDK, a few hundred bytes instead of a library.
//
// The access and ID tokens live in memory only; the refresh token is kept in
// sessionStorage, so a reload of the tab stays signed in but closing the tab signs out,
// and no other tab or later visit finds it (docs/desk.md says why).

const REFRESH_KEY = "newsroom-desk:session";
const EARLY_SECONDS = 60;

export class CognitoError extends Error {
  constructor(code, message) {
    super(message || code);
    this.code = code;
  }
}

function decodeJwt(token) {
  try {
    const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const text = atob(payload.padEnd(payload.length + ((4 - (payload.length % 4)) % 4), "="));
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(text, (c) => c.charCodeAt(0))));
  } catch {
    return {};
  }
}

export class Session extends EventTarget {
  constructor(config) {
    super();
    this.config = config;
    this.tokens = null; // {accessToken, idToken, expiresAt}
    this.user = null; // {username, name, groups}
    this._refreshing = null;
    this._waitingForSignIn = [];
  }

  async _call(target, body) {
    let response;
    try {
      response = await fetch(this.config.cognitoEndpoint, {
        method: "POST",
        headers: {
          "Content-Type": "application/x-amz-json-1.1",
          "X-Amz-Target": `AWSCognitoIdentityProviderService.${target}`,
        },
        body: JSON.stringify(body),
      });
    } catch {
      throw new CognitoError("NetworkError");
    }
    const data = await response.json().catch(() => ({}));
    if (!response.ok) {
      const code = String(data.__type || data.code || "UnknownError").split("#").pop();
      throw new CognitoError(code, data.message);
    }
    return data;
  }

  _accept(result, username) {
    const { AccessToken, IdToken, ExpiresIn, RefreshToken } = result;
    const access = decodeJwt(AccessToken);
    const id = IdToken ? decodeJwt(IdToken) : {};
    const expiresAt = access.exp ? access.exp * 1000 : Date.now() + (ExpiresIn || 3600) * 1000;
    this.tokens = { accessToken: AccessToken, idToken: IdToken, expiresAt };
    const name = access.username || id["cognito:username"] || username;
    this.user = {
      username: name,
      // The person's own name when the pool has one (the author line's default), else
      // the name they sign in with.
      fullName: id.name || "",
      name: id.name || name,
      groups: access["cognito:groups"] || id["cognito:groups"] || [],
    };
    if (RefreshToken) {
      sessionStorage.setItem(REFRESH_KEY, JSON.stringify({ refreshToken: RefreshToken, username: name }));
    }
    this.dispatchEvent(new Event("change"));
    const waiting = this._waitingForSignIn.splice(0);
    waiting.forEach((resolve) => resolve());
  }

  get signedIn() {
    return this.tokens !== null;
  }

  /** Signs in; answers {challenge, session} when the pool asks for a new password. */
  async signIn(username, password) {
    const result = await this._call("InitiateAuth", {
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: this.config.clientId,
      AuthParameters: { USERNAME: username, PASSWORD: password },
    });
    if (result.ChallengeName) return { challenge: result.ChallengeName, session: result.Session };
    this._accept(result.AuthenticationResult, username);
    return null;
  }

  async setNewPassword(username, newPassword, session) {
    const result = await this._call("RespondToAuthChallenge", {
      ChallengeName: "NEW_PASSWORD_REQUIRED",
      ClientId: this.config.clientId,
      Session: session,
      ChallengeResponses: { USERNAME: username, NEW_PASSWORD: newPassword },
    });
    if (result.ChallengeName) return { challenge: result.ChallengeName, session: result.Session };
    this._accept(result.AuthenticationResult, username);
    return null;
  }

  /** New tokens from the refresh token of this tab; false when there is none or it is refused. */
  async refresh() {
    if (!this._refreshing) {
      this._refreshing = this._refresh().finally(() => {
        this._refreshing = null;
      });
    }
    return this._refreshing;
  }

  async _refresh() {
    let stored;
    try {
      stored = JSON.parse(sessionStorage.getItem(REFRESH_KEY) || "null");
    } catch {
      stored = null;
    }
    if (!stored?.refreshToken) return false;
    try {
      const result = await this._call("InitiateAuth", {
        AuthFlow: "REFRESH_TOKEN_AUTH",
        ClientId: this.config.clientId,
        AuthParameters: { REFRESH_TOKEN: stored.refreshToken },
      });
      this._accept(result.AuthenticationResult, stored.username);
      return true;
    } catch (error) {
      if (error.code !== "NetworkError") sessionStorage.removeItem(REFRESH_KEY);
      return false;
    }
  }

  /** A token to send, refreshed first when it is about to expire. */
  async accessToken() {
    if (this.tokens && this.tokens.expiresAt - Date.now() < EARLY_SECONDS * 1000) {
      await this.refresh();
    }
    return this.tokens?.accessToken || null;
  }

  /** The API refused the token: try the refresh token, else ask the person to sign in
   * again (the page stays as it is underneath) and resolve once they have. */
  async recover() {
    if (await this.refresh()) return;
    this.tokens = null;
    const signedIn = new Promise((resolve) => this._waitingForSignIn.push(resolve));
    this.dispatchEvent(new Event("expired"));
    await signedIn;
  }

  async signOut() {
    const token = this.tokens?.accessToken;
    sessionStorage.removeItem(REFRESH_KEY);
    this.tokens = null;
    this.user = null;
    if (token) {
      try {
        await this._call("GlobalSignOut", { AccessToken: token });
      } catch {
        // Signed out here whatever the pool says: the tokens are gone from this tab.
      }
    }
    this.dispatchEvent(new Event("change"));
  }

  hasRole(...roles) {
    return (this.user?.groups || []).some((g) => roles.includes(g));
  }

  get role() {
    const groups = this.user?.groups || [];
    return ["admin", "editor", "reporter"].find((r) => groups.includes(r)) || null;
  }
}
