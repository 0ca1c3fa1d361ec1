import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCustomers } from "../../../lib/model/load-customers";
import { FIXTURES, problemsOf, refusalIn } from "./customer-fixtures";
import { testSettings } from "../test-settings";

const settings = testSettings();

function load(folder: string) {
  return loadCustomers({ directory: resolve(FIXTURES, folder), settings, relativeTo: FIXTURES });
}

describe("loadCustomers", () => {
  it("reads every valid file, with the file name as id; enabled, everywhere, with a client secret by default", () => {
    // WHEN
    const customers = load("valid");

    // THEN
    expect(customers).toEqual([
      {
        id: "acme",
        file: "valid/acme.yaml",
        displayName: "ACME",
        contactEmail: "ops@acme.example",
        description: "Reads orders.",
        enabled: true,
        roles: ["orders:read"],
        environments: ["local", "staging", "production"],
        auth: { method: "client-secret" },
      },
      {
        id: "globex",
        file: "valid/globex.yaml",
        displayName: "Globex",
        contactEmail: "api@globex.example",
        description: "Writes orders.",
        enabled: false,
        roles: ["orders:read", "orders:write"],
        environments: ["staging"],
        auth: { method: "client-secret" },
        secretVersion: 3,
      },
    ]);
  });

  it("rejects malformed YAML, naming line and column", () => {
    const [problem] = problemsOf("malformed-yaml");
    expect(problem.file).toBe("malformed-yaml/acme.yaml");
    expect(problem.field).toMatch(/^\(yaml, line \d+, column \d+\)$/);
    expect(problem.rule).toMatch(/^malformed YAML/);
  });

  it("rejects a key given twice", () => {
    const problems = problemsOf("duplicate-key");
    expect(problems).toHaveLength(1);
    expect(problems[0].field).toBe("(yaml, line 2, column 1)");
    expect(problems[0].rule).toMatch(/unique/i);
  });

  it("rejects a file that is not a mapping", () => {
    expect(problemsOf("not-a-mapping")).toEqual([
      { file: "not-a-mapping/acme.yaml", field: "(file)", rule: expect.stringMatching(/must be a YAML mapping/) },
    ]);
  });

  it("rejects wrong types, naming each field", () => {
    const problems = problemsOf("wrong-types");
    expect(problems.map((p) => p.field).sort()).toEqual(["contactEmail", "displayName", "enabled", "roles"]);
    expect(problems.find((p) => p.field === "enabled")?.rule).toBe("must be true or false");
    expect(problems.find((p) => p.field === "contactEmail")?.rule).toBe("must be an e-mail address");
  });

  it("rejects unknown keys, so a misspelt or smuggled field never passes silently", () => {
    expect(problemsOf("unknown-key")).toEqual([
      { file: "unknown-key/acme.yaml", field: "clientSecret", rule: "unknown key" },
    ]);
  });

  it("rejects a file missing required fields, naming each", () => {
    const problems = problemsOf("missing-fields").map((p) => `${p.field}: ${p.rule}`);
    expect(problems.sort()).toEqual(["contactEmail: is required", "description: is required", "roles: is required"]);
  });

  it("rejects a role the backend does not declare, listing the declared ones", () => {
    expect(problemsOf("unknown-role")).toEqual([
      {
        file: "unknown-role/acme.yaml",
        field: "roles[1]",
        rule: "unknown role 'orders:delete'; the backend declares: orders:read, orders:write",
      },
    ]);
  });

  it("rejects a role listed twice", () => {
    expect(problemsOf("repeated-role")).toEqual([
      { file: "repeated-role/acme.yaml", field: "roles", rule: "must not repeat a role" },
    ]);
  });

  it("rejects ids that are not short lower-case slugs", () => {
    const problems = problemsOf("bad-id");
    expect(problems.map((p) => [p.file, p.field])).toEqual([
      ["bad-id/-acme.yaml", "(file name)"],
      ["bad-id/Acme_Corp.yaml", "(file name)"],
      ["bad-id/a-customer-id-that-is-much-longer-than-forty.yaml", "(file name)"],
      ["bad-id/ab.yaml", "(file name)"],
    ]);
    expect(problems[0].rule).toMatch(/must be a lower-case slug/);
    expect(problems[2].rule).toBe("the id (file name) must be 3 to 40 characters, got 44");
    expect(problems[3].rule).toBe("the id (file name) must be 3 to 40 characters, got 2");
  });

  it("rejects two files whose ids differ only in case", () => {
    const problems = problemsOf("duplicate-id");
    expect(problems).toContainEqual({
      file: "duplicate-id/acme.yaml",
      field: "(file name)",
      rule: "same id as duplicate-id/Acme.yaml (ids are compared case-insensitively)",
    });
  });

  it("rejects ids of Keycloak's built-in clients and of our own frontend and backend", () => {
    expect(problemsOf("reserved-id")).toEqual([
      {
        file: "reserved-id/admin-cli.yaml",
        field: "(file name)",
        rule: "the id 'admin-cli' is a client Keycloak creates in every realm",
      },
      {
        file: "reserved-id/admin-permissions.yaml",
        field: "(file name)",
        rule: "the id 'admin-permissions' is a client Keycloak creates in every realm",
      },
      {
        file: "reserved-id/test-api.yaml",
        field: "(file name)",
        rule: "the id 'test-api' is the client id of our own backend",
      },
      {
        file: "reserved-id/test-frontend.yaml",
        field: "(file name)",
        rule: "the id 'test-frontend' is the client id of our own frontend",
      },
    ]);
  });

  it("rejects files not named <id>.yaml instead of ignoring them", () => {
    expect(problemsOf("wrong-extension")).toEqual([
      {
        file: "wrong-extension/acme.yml",
        field: "(file)",
        rule: "customer files must be named <id>.yaml; anything else in customers/ is refused",
      },
    ]);
  });

  it("reports every problem of every file at once", () => {
    // WHEN
    const { problems, message } = refusalIn(resolve(FIXTURES, "several-broken"));

    // THEN
    expect(problems.map((p) => `${p.file}: ${p.field}`).sort()).toEqual([
      "several-broken/acme.yaml: displayName",
      "several-broken/acme.yaml: roles[0]",
      "several-broken/globex.yaml: colour",
      "several-broken/globex.yaml: contactEmail",
    ]);
    expect(message).toMatch(/^4 problems found, nothing was deployed:\n/);
    expect(message).toContain("  several-broken/globex.yaml: colour: unknown key");
  });

  it("rejects an unknown environment", () => {
    expect(problemsOf("bad-environment")).toEqual([
      {
        file: "bad-environment/acme.yaml",
        field: "environments[1]",
        rule: "unknown environment 'qa'; environments are: local, staging, production",
      },
    ]);
  });

  it("rejects an environment that is not a name, saying what YAML read", () => {
    expect(problemsOf("environment-as-mapping")).toEqual([
      {
        file: "environment-as-mapping/acme.yaml",
        field: "environments[0]",
        rule: 'must be an environment name, got a mapping ({"staging":true}); environments are: local, staging, production',
      },
      {
        file: "environment-as-mapping/acme.yaml",
        field: "environments[1]",
        rule: "must be an environment name, got number 3; environments are: local, staging, production",
      },
    ]);
  });

  it("rejects a secret version below 1", () => {
    expect(problemsOf("bad-secret-version")).toEqual([
      { file: "bad-secret-version/acme.yaml", field: "secretVersion", rule: "must be at least 1" },
    ]);
  });

  it("rejects an id the customers scope name ends with, which would merge resource names", () => {
    expect(problemsOf("reserved-scope-id")).toEqual([
      {
        file: "reserved-scope-id/ers.yaml",
        field: "(file name)",
        rule: "the id 'ers' is reserved: it would clash with resource names of the 'customers' scope",
      },
    ]);
  });

  describe("authentication", () => {
    it("reads private_key_jwt with a JWKS URL or inline public keys, and lifespans", () => {
      const [acme, globex] = load("valid-private-key-jwt");
      expect(acme).toMatchObject({
        auth: { method: "private-key-jwt", jwksUrl: "https://acme.example/.well-known/jwks.json", algorithm: "RS256" },
        accessTokenLifespanSeconds: 120,
      });
      expect(globex).toMatchObject({ auth: { method: "private-key-jwt", algorithm: "ES256" } });
      expect(globex?.auth.method === "private-key-jwt" && globex.auth.jwks?.keys[0]?.crv).toBe("P-256");
    });

    it("rejects a JWKS URL that is not https://", () => {
      expect(problemsOf("jwks-http-url")).toEqual([
        {
          file: "jwks-http-url/acme.yaml",
          field: "auth.jwksUrl",
          rule: "must use https://: Keycloak trusts whatever keys this URL serves",
        },
      ]);
    });

    it("rejects a private JWK pasted whole, before reading its fields", () => {
      expect(problemsOf("private-jwk")).toEqual([
        {
          file: "private-jwk/acme.yaml",
          field: "(file)",
          rule: "holds a private JWK member ('d'): remove it (and treat it as leaked); give public keys only",
        },
      ]);
    });

    it("rejects private key members in an inline JWK, naming each", () => {
      expect(problemsOf("private-jwk-members").map((p) => p.field)).toEqual([
        "auth.jwks.keys[0].d",
        "auth.jwks.keys[0].p",
      ]);
      expect(problemsOf("private-jwk-members")[0]?.rule).toMatch(/^is private key material/);
    });

    it("rejects a PEM private key anywhere in the file, even in a comment", () => {
      expect(problemsOf("pem-private-key")).toEqual([
        {
          file: "pem-private-key/acme.yaml",
          field: "(file)",
          rule: "holds a private key block (PEM, OpenSSH, OpenPGP or SSH2): remove it (and treat it as leaked); give public keys only",
        },
      ]);
    });

    it("rejects a key that does not parse as a public key", () => {
      const [problem] = problemsOf("malformed-public-key");
      expect(problem?.field).toBe("auth.jwks.keys[0]");
      expect(problem?.rule).toMatch(/^is not a valid EC public key: /);
    });

    it("rejects an RSA public exponent below 65537", () => {
      expect(problemsOf("weak-rsa-exponent")).toEqual([
        { file: "weak-rsa-exponent/acme.yaml", field: "auth.jwks.keys[0].e", rule: "must be at least 65537 (AQAB)" },
      ]);
    });

    it("rejects a JWKS URL carrying credentials", () => {
      expect(problemsOf("jwks-url-credentials")).toEqual([
        {
          file: "jwks-url-credentials/acme.yaml",
          field: "auth.jwksUrl",
          rule: "must not carry credentials: they would be committed and deployed in clear",
        },
      ]);
    });

    it("rejects an RSA key below 2048 bits", () => {
      expect(problemsOf("weak-rsa-key")).toEqual([
        {
          file: "weak-rsa-key/acme.yaml",
          field: "auth.jwks.keys[0].n",
          rule: "RSA key is 1024 bits: 2048 to 8192 are accepted",
        },
      ]);
    });

    it("rejects an algorithm other than RS256, PS256 or ES256", () => {
      expect(problemsOf("unsupported-algorithm")).toEqual([
        {
          file: "unsupported-algorithm/acme.yaml",
          field: "auth.algorithm",
          rule: "unsupported algorithm 'HS256'; use one of RS256, PS256, ES256",
        },
      ]);
    });

    it("rejects an algorithm that is not a name, saying what YAML read", () => {
      expect(problemsOf("algorithm-as-mapping")).toEqual([
        {
          file: "algorithm-as-mapping/acme.yaml",
          field: "auth.algorithm",
          rule: 'must be an algorithm name, got a mapping ({"name":"ES256"}); use one of RS256, PS256, ES256',
        },
      ]);
    });

    it("rejects a secretVersion on a client that has no secret", () => {
      expect(problemsOf("secret-version-without-secret")).toEqual([
        {
          file: "secret-version-without-secret/acme.yaml",
          field: "secretVersion",
          rule: "a private-key-jwt client has no secret to rotate",
        },
      ]);
    });

    it("rejects secret rotation and handover fields on a client without a secret", () => {
      expect(problemsOf("rotation-fields-without-secret")).toEqual([
        {
          file: "rotation-fields-without-secret/acme.yaml",
          field: "secretRotationGraceSeconds",
          rule: "a private-key-jwt client has no secret to rotate",
        },
        {
          file: "rotation-fields-without-secret/acme.yaml",
          field: "ageRecipient",
          rule: "a private-key-jwt client has no secret to hand over",
        },
      ]);
    });

    it("rejects a rotation grace period longer than the realm's", () => {
      expect(problemsOf("grace-too-long")).toEqual([
        {
          file: "grace-too-long/acme.yaml",
          field: "secretRotationGraceSeconds",
          rule: "must be at most the realm's grace period (604800 s), got 2592000",
        },
      ]);
    });

    it("rejects an age public key whose checksum does not match", () => {
      expect(problemsOf("bad-age-recipient")).toEqual([
        {
          file: "bad-age-recipient/acme.yaml",
          field: "ageRecipient",
          rule: "must be an age public key: 'age1' followed by 58 letters and digits (age-keygen -y prints it)",
        },
      ]);
    });

    it("rejects an access token lifespan above the realm's", () => {
      expect(problemsOf("lifespan-too-long")).toEqual([
        {
          file: "lifespan-too-long/acme.yaml",
          field: "accessTokenLifespanSeconds",
          rule: "must be at most the realm's access token lifespan (300 s), got 900",
        },
      ]);
    });
  });
});
