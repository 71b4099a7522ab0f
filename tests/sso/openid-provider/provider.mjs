// A real OpenID Connect provider for Sammen's single sign-on tests: panva's certified
// oidc-provider, configured from a JSON file (node provider.mjs <config.json>):
//   {issuer, port, clients: [client metadata], users: [{username, password, sub, claims}],
//    jwks: {keys: [private JWKs, the signing key first]}, cookie_keys: [..]}
// Users sign in on a plain login form of this script; consent is given at once, as an
// organisation's provider does for an app its administrator has consented to. No page loads
// anything from outside this machine.
import { readFileSync } from "node:fs";
import Provider from "oidc-provider";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const users = new Map(config.users.map((user) => [user.sub, user]));

const html = (title, body) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>
<body><main><h1>${title}</h1>${body}</main></body></html>`;
const escape = (text) =>
  String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const provider = new Provider(config.issuer, {
  clients: config.clients,
  jwks: config.jwks,
  cookies: { keys: config.cookie_keys },
  // As Entra ID does: the user's claims (roles, groups too) travel in the ID token itself.
  conformIdTokenClaims: false,
  claims: {
    openid: ["sub", "roles", "groups"],
    email: ["email", "email_verified"],
    profile: ["name", "preferred_username"],
  },
  responseTypes: ["code"],
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      logoutSource: async (ctx, form) => {
        ctx.body = html(
          "Sign out",
          `${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Yes, sign me out</button>`,
        );
      },
      postLogoutSuccessSource: async (ctx) => {
        ctx.body = html("Signed out", "<p>You are signed out.</p>");
      },
    },
  },
  renderError: async (ctx, out) => {
    ctx.type = "html";
    ctx.body = html("Error", `<pre>${escape(JSON.stringify(out))}</pre>`);
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  findAccount: async (ctx, sub) => {
    const user = users.get(sub);
    if (!user) return undefined;
    return { accountId: sub, claims: async () => ({ sub, ...user.claims }) };
  },
});

async function formFields(req) {
  let body = "";
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

function loginPage(uid, message = "") {
  return html(
    "Sign in",
    `${message ? `<p role="alert">${escape(message)}</p>` : ""}
    <form method="post" action="/interaction/${escape(uid)}/login">
      <label for="username">Username</label> <input id="username" name="username" autocomplete="username">
      <label for="password">Password</label> <input id="password" name="password" type="password" autocomplete="current-password">
      <button type="submit" id="sign-in">Sign in</button>
    </form>`,
  );
}

async function consentAtOnce(ctx, details) {
  const { prompt, params, session } = details;
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(" "));
  if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
  const grantId = await grant.save();
  const consent = details.grantId ? {} : { grantId };
  await provider.interactionFinished(ctx.req, ctx.res, { consent }, { mergeWithLastSubmission: true });
}

provider.use(async (ctx, next) => {
  const match = ctx.path.match(/^\/interaction\/([\w-]+)(\/login)?$/);
  if (!match) return next();
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  if (ctx.method === "GET" && details.prompt.name === "consent") {
    ctx.respond = false;
    return consentAtOnce(ctx, details);
  }
  if (ctx.method === "GET") {
    ctx.type = "html";
    ctx.body = loginPage(details.uid);
    return;
  }
  const fields = await formFields(ctx.req);
  const user = config.users.find((u) => u.username === fields.get("username"));
  if (!user || user.password !== fields.get("password")) {
    ctx.status = 401;
    ctx.type = "html";
    ctx.body = loginPage(details.uid, "Wrong username or password.");
    return;
  }
  ctx.respond = false;
  await provider.interactionFinished(ctx.req, ctx.res, { login: { accountId: user.sub } }, {
    mergeWithLastSubmission: false,
  });
});

provider.listen(config.port, "127.0.0.1", () => {
  console.log(`openid provider ${config.issuer} listening on 127.0.0.1:${config.port}`);
});
