-- Residents' sign-ins through an OpenID Connect provider (the My Number Card's public
-- authentication, or an account), tied to the browser session (its token's SHA-256).
-- A sign-in started but not finished: what the callback needs (state, nonce and PKCE
-- verifier, as JSON), found by the SHA-256 of `state`; used once, short-lived.
CREATE TABLE resident_sign_ins (
    state_hash TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    session_hash TEXT NOT NULL,
    pending TEXT NOT NULL,
    -- Where to go afterwards (a path on this site).
    return_to TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);

-- Who the session signed in as, and at which level (`account` or `my_number_card`).
-- Only the provider's subject identifier is kept, never the card's certificate.
CREATE TABLE resident_identities (
    session_hash TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    issuer TEXT NOT NULL,
    subject TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('account', 'my_number_card')),
    acr TEXT,
    authenticated_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
