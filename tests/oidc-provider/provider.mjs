// A real OpenID Connect provider for the tests of crates/oidc, on loopback only.
//
//   node tests/oidc-provider/provider.mjs [--port N] [--redirect-uri URI]…
//
// Built on the `oidc-provider` npm package (installed by `npm install` at the top of the
// repository). Port 0 (the default) picks a free port. The first line on stdout is the
// port, so a test can read it; the issuer is http://127.0.0.1:PORT. The process exits
// when its stdin closes, so a test that dies does not leave it running.
//
// What it offers:
// - two confidential clients: `madoguchi` (client_secret_basic, RS256 ID tokens) and
//   `madoguchi-es` (client_secret_post, ES256 ID tokens), secret `test-secret`, both with
//   the redirect URIs given (`--redirect-uri` once per URI, as several cities' hosts have
//   several; default http://127.0.0.1:9/callback); PKCE is required;
// - one resident, login `taro`, password `madoguchi-test`, My Number Card PIN `1234`;
// - two acr values: a password login grants urn:madoguchi:acr:password; when the request's
//   acr_values asks for urn:madoguchi:acr:mynumbercard the login page asks for the card's
//   PIN instead (a stand-in for the My Number Card app) and grants that acr;
// - the claims name and email (scopes profile, email) at both levels, and birthdate and
//   address (scopes profile, address) only at the card level, in the ID token;
// - plain HTML forms at /interaction/UID (login, or cancel → error=access_denied), no
//   JavaScript, so a test can drive it with an HTTP client and a cookie jar; consent is
//   granted without asking (first-party clients).
// Signing keys are new on every start (RSA 2048 and P-256).

import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const PASSWORD_ACR = 'urn:madoguchi:acr:password';
const CARD_ACR = 'urn:madoguchi:acr:mynumbercard';
const SECRET = 'test-secret';

const USERS = {
  taro: {
    sub: 'resident-0001',
    password: 'madoguchi-test',
    pin: '1234',
    name: '山田 太郎',
    email: 'taro@example.test',
    // What the card holds (sent only after a card login, as a real IdP verifies them
    // with the card).
    birthdate: '1980-04-01',
    address: { formatted: '宮城県仙台市青葉区一番町四丁目7-1', postal_code: '980-0811', country: 'JP' },
  },
};

function argument(name, fallback) {
  const at = process.argv.indexOf(name);
  return at > 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}

const port = Number(argument('--port', process.env.OIDC_PROVIDER_PORT ?? '0'));
const redirectUris = process.argv
  .flatMap((arg, at) => (arg === '--redirect-uri' && at + 1 < process.argv.length ? [process.argv[at + 1]] : []));
if (redirectUris.length === 0) redirectUris.push('http://127.0.0.1:9/callback');

function signingKeys() {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  return {
    keys: [
      { ...rsa, kid: `rsa-${randomUUID()}`, alg: 'RS256', use: 'sig' },
      { ...ec, kid: `ec-${randomUUID()}`, alg: 'ES256', use: 'sig' },
    ],
  };
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(res, status, title, body) {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`
    + `<body><h1>${escapeHtml(title)}</h1>${body}</body></html>`);
}

function loginForm(res, uid, wantsCard, message) {
  const fields = wantsCard
    ? '<label>Card holder <input name="login"></label> <label>My Number Card PIN <input name="pin" type="password" inputmode="numeric"></label>'
    : '<label>Login <input name="login"></label> <label>Password <input name="password" type="password"></label>';
  page(res, 200, wantsCard ? 'Sign in with your My Number Card' : 'Sign in', `${message ? `<p role="alert">${escapeHtml(message)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">${fields} <button>Sign in</button></form>
<form method="post" action="/interaction/${escapeHtml(uid)}/abort"><button>Cancel</button></form>`);
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 10000) throw new Error('form too large');
  }
  return new URLSearchParams(body);
}

const server = createServer();
server.listen(port, '127.0.0.1', () => {
  const actualPort = server.address().port;
  const issuer = `http://127.0.0.1:${actualPort}`;
  const clientBase = {
    client_secret: SECRET,
    redirect_uris: redirectUris,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    // Without acr_values the ID token would carry no acr at all; ask for the password one.
    default_acr_values: [PASSWORD_ACR],
    require_auth_time: true,
  };
  const provider = new Provider(issuer, {
    clients: [
      { ...clientBase, client_id: 'madoguchi', token_endpoint_auth_method: 'client_secret_basic' },
      {
        ...clientBase,
        client_id: 'madoguchi-es',
        token_endpoint_auth_method: 'client_secret_post',
        id_token_signed_response_alg: 'ES256',
      },
    ],
    jwks: signingKeys(),
    acrValues: [PASSWORD_ACR, CARD_ACR],
    claims: {
      openid: ['sub'],
      profile: ['name', 'birthdate'],
      email: ['email', 'email_verified'],
      address: ['address'],
    },
    // Put the scopes' claims in the ID token too: the client reads name and email from it.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    cookies: { keys: [randomUUID()] },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, sub, token) {
      const user = Object.values(USERS).find((u) => u.sub === sub);
      if (!user) return undefined;
      // The code (or token) this is asked for says at which level the resident signed in.
      const card = token?.acr === CARD_ACR;
      return {
        accountId: sub,
        async claims() {
          const base = { sub, name: user.name, email: user.email, email_verified: true };
          return card ? { ...base, birthdate: user.birthdate, address: user.address } : base;
        },
      };
    },
    // First-party clients: grant the requested scopes without a consent page.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId
        || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      const grant = grantId
        ? await ctx.oidc.provider.Grant.find(grantId)
        : new ctx.oidc.provider.Grant({
          clientId: ctx.oidc.client.clientId,
          accountId: ctx.oidc.session.accountId,
        });
      grant.addOIDCScope('openid profile email address');
      await grant.save();
      return grant;
    },
  });
  const handleProvider = provider.callback();

  server.on('request', async (req, res) => {
    const path = new URL(req.url, issuer).pathname;
    const match = /^\/interaction\/([^/]+)(?:\/(login|abort))?$/.exec(path);
    if (!match) {
      handleProvider(req, res);
      return;
    }
    try {
      const details = await provider.interactionDetails(req, res);
      const wantsCard = (details.params.acr_values ?? '').split(' ').includes(CARD_ACR);
      const action = match[2];
      if (!action && req.method === 'GET') {
        loginForm(res, details.uid, wantsCard);
      } else if (action === 'abort' && req.method === 'POST') {
        await provider.interactionFinished(req, res, {
          error: 'access_denied',
          error_description: 'The resident cancelled the sign-in.',
        }, { mergeWithLastSubmission: false });
      } else if (action === 'login' && req.method === 'POST') {
        const form = await readForm(req);
        // The card login stands in for the My Number Card app: the card holder's PIN
        // instead of the password.
        const user = Object.hasOwn(USERS, form.get('login')) ? USERS[form.get('login')] : undefined;
        const ok = user && (wantsCard ? form.get('pin') === user.pin : form.get('password') === user.password);
        if (!ok) {
          loginForm(res, details.uid, wantsCard, 'Wrong login or password.');
          return;
        }
        await provider.interactionFinished(req, res, {
          login: {
            accountId: user.sub,
            acr: wantsCard ? CARD_ACR : PASSWORD_ACR,
            amr: wantsCard ? ['hwk', 'pin'] : ['pwd'],
            remember: false,
          },
        }, { mergeWithLastSubmission: false });
      } else {
        page(res, 405, 'Method not allowed', '');
      }
    } catch (err) {
      page(res, 400, 'Interaction failed', `<p>${escapeHtml(err.message)}</p>`);
    }
  });

  process.stdout.write(`${actualPort}\n`);
});

// The test reads the first line only; a closed pipe must not end the provider.
process.stdout.on('error', () => {});

// End with the test that started us.
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
