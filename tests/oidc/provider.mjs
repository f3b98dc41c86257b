// A certified OpenID provider (panva's oidc-provider) for the tests, on 127.0.0.1.
// Usage: node provider.mjs CONFIG.json — the config names the issuer, port, clients, signing
// keys and an accounts file that is read on every sign-in (so a test can change a user's groups).
import fs from 'node:fs';
import Provider from 'oidc-provider';

const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));

const provider = new Provider(config.issuer, {
  clients: config.clients,
  jwks: config.jwks,
  cookies: { keys: ['gehoord-test-provider-cookie-key'] },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
    groups: ['groups'],
  },
  conformIdTokenClaims: false, // the ID token carries the claims its scopes ask for
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: { enabled: true },
    // Access tokens for gehoord's API as signed JWTs whose audience is gehoord's client id.
    resourceIndicators: {
      enabled: true,
      defaultResource: () => 'urn:gehoord:api',
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({
        scope: 'openid email profile groups',
        audience: config.clients[0].client_id,
        accessTokenFormat: 'jwt',
      }),
    },
  },
  extraTokenClaims: async (ctx, token) => {
    const accounts = JSON.parse(fs.readFileSync(config.accountsFile, 'utf8'));
    const account = accounts[token.accountId];
    return account ? { email: account.email, name: account.name, groups: account.groups } : {};
  },
  pkce: { required: () => true },
  ttl: { IdToken: config.idTokenSeconds ?? 3600, AccessToken: 3600, AuthorizationCode: 60 },
  findAccount: async (ctx, id) => {
    const accounts = JSON.parse(fs.readFileSync(config.accountsFile, 'utf8'));
    const account = accounts[id];
    if (!account) return undefined;
    return {
      accountId: id,
      claims: async () => ({
        sub: id,
        email: account.email,
        email_verified: true,
        name: account.name,
        groups: account.groups,
      }),
    };
  },
});
provider.proxy = false;
provider.listen(config.port, '127.0.0.1', () => {
  console.log(`listening ${config.issuer}`);
});
