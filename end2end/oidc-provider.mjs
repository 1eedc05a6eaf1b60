// A real OpenID provider for the tests (the certified npm `oidc-provider`), with its development sign-in pages:
// any login works, and the login names the account. `ann@example.com` signs in as that verified email (subject
// `ann@example.com`); `ann@example.com#2` is another subject with the same email; a login starting `unverified:`
// has an email its provider does not call verified. The console's client is first-party: no consent page.
//
//   node oidc-provider.mjs <port> <redirect uri>   (client id `plugboard-console`, secret below)
import { Provider } from "oidc-provider";

const [port, redirect] = [Number(process.argv[2] ?? 3103), process.argv[3] ?? "http://127.0.0.1:3100/admin/sso/callback"];
export const CLIENT_ID = "plugboard-console";
export const CLIENT_SECRET = "plugboard-console-test-secret-0123456789";

function account(login) {
  const unverified = login.startsWith("unverified:");
  const email = login.replace(/^unverified:/, "").replace(/#.*$/, "");
  return {
    accountId: login,
    async claims() {
      return { sub: login, email, email_verified: !unverified };
    },
  };
}

const provider = new Provider(`http://localhost:${port}`, {
  clients: [
    {
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      redirect_uris: [redirect],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"] },
  findAccount: async (_ctx, id) => account(id),
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => true },
  cookies: { keys: ["plugboard-test-cookie-key"] },
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope("openid email");
    grant.addOIDCClaims(["email", "email_verified"]);
    await grant.save();
    return grant;
  },
});
provider.proxy = false;
provider.listen(port, "127.0.0.1", () => console.log(`oidc-provider listening on http://localhost:${port}`));
