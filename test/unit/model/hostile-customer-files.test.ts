import { execFileSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { once } from "node:events";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { customerAuthSchema } from "../../../lib/model/customer-auth";
import { loadCustomers, MAX_CUSTOMER_FILE_BYTES } from "../../../lib/model/load-customers";
import { generateIdentity } from "age-encryption";
import { FIXTURES, problemsIn, problemsOf, refusalIn } from "./customer-fixtures";
import { testSettings } from "../test-settings";

const VALID = "displayName: ACME\ncontactEmail: ops@acme.example\ndescription: Reads orders.\nroles: [orders:read]\n";

/** A scratch customers folder, for what git cannot hold (FIFOs) or should not (links out of the tree). */
let scratch: string | undefined;
function scratchFolder(): string {
  scratch = mkdtempSync(join(tmpdir(), "hostile-customers-"));
  mkdirSync(join(scratch, "customers"));
  return scratch;
}
afterEach(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
});

describe("customer files written to attack the pipeline", () => {
  describe("what the file is", () => {
    it("rejects a symbolic link, even to a valid customer file, without following it", () => {
      // GIVEN
      const root = scratchFolder();
      writeFileSync(join(root, "elsewhere.yaml"), VALID);
      symlinkSync(join(root, "elsewhere.yaml"), join(root, "customers", "acme.yaml"));

      // WHEN
      const problems = problemsIn(join(root, "customers"), testSettings(), root);

      // THEN
      expect(problems).toEqual([
        { file: "customers/acme.yaml", field: "(file)", rule: "must be a regular file, found a symbolic link" },
      ]);
    });

    it("rejects a FIFO at once instead of waiting on it", () => {
      const root = scratchFolder();
      execFileSync("mkfifo", [join(root, "customers", "acme.yaml")]);
      expect(problemsIn(join(root, "customers"), testSettings(), root)).toEqual([
        { file: "customers/acme.yaml", field: "(file)", rule: "must be a regular file, found a FIFO" },
      ]);
    });

    it("rejects a socket without opening it", async () => {
      const root = scratchFolder();
      const server = createServer().listen(join(root, "customers", "acme.yaml"));
      await once(server, "listening");
      try {
        expect(problemsIn(join(root, "customers"), testSettings(), root)).toEqual([
          { file: "customers/acme.yaml", field: "(file)", rule: "must be a regular file, found a socket" },
        ]);
      } finally {
        server.close();
      }
    });

    // mknod needs root (GitHub's runners are sudoers, not root): skipped there; FIFOs and sockets take the same path.
    it.skipIf(process.getuid?.() !== 0)("rejects a device (/dev/zero's twin) instead of reading it forever", () => {
      const root = scratchFolder();
      execFileSync("mknod", [join(root, "customers", "acme.yaml"), "c", "1", "5"]);
      expect(problemsIn(join(root, "customers"), testSettings(), root)).toEqual([
        { file: "customers/acme.yaml", field: "(file)", rule: "must be a regular file, found a device" },
      ]);
    });

    it("rejects a folder named like a customer file", () => {
      const root = scratchFolder();
      mkdirSync(join(root, "customers", "acme.yaml"));
      expect(problemsIn(join(root, "customers"), testSettings(), root)).toEqual([
        { file: "customers/acme.yaml", field: "(file)", rule: "must be a regular file, found folder" },
      ]);
    });

    it("rejects a customers folder that is a symbolic link", () => {
      const root = scratchFolder();
      symlinkSync(resolve(FIXTURES, "valid"), join(root, "linked"));
      expect(problemsIn(join(root, "linked"), testSettings(), root)).toEqual([
        { file: "linked/", field: "(folder)", rule: "must be a folder of customer files, found a symbolic link" },
      ]);
    });

    it("rejects a file larger than 64 KiB", () => {
      const root = scratchFolder();
      writeFileSync(join(root, "customers", "acme.yaml"), `${VALID}#${"x".repeat(MAX_CUSTOMER_FILE_BYTES)}\n`);
      expect(problemsIn(join(root, "customers"), testSettings(), root)).toEqual([
        { file: "customers/acme.yaml", field: "(file)", rule: "is larger than 64 KiB: a customer file is a few lines" },
      ]);
    });

    it.each([
      ["utf-16", "is UTF-16, not UTF-8: save it as UTF-8"],
      // YAML tells encodings apart by the NULs of the first ASCII character (YAML 1.2 §5.2).
      ["utf-16-without-bom", "is UTF-16 (without a byte order mark), not UTF-8: save it as UTF-8"],
      ["utf-32", "is UTF-32, not UTF-8: save it as UTF-8"],
      ["latin-1", "is not UTF-8 (line 1; saved as Latin-1 or Windows-1252?): save it as UTF-8"],
    ])("rejects a %s file instead of reading it as something else", (folder, rule) => {
      expect(problemsOf(folder)).toEqual([{ file: `${folder}/acme.yaml`, field: "(file)", rule }]);
    });

    it("rejects a file name that is not UTF-8, and shows control characters in names escaped", () => {
      // GIVEN names a terminal would mangle or that would forge a line of the report
      const root = scratchFolder();
      writeFileSync(Buffer.from(`${join(root, "customers")}/caf\xe9.yaml`, "latin1"), VALID);
      writeFileSync(join(root, "customers", "a\n  forged line\u001b[2K.yaml"), VALID);
      writeFileSync(join(root, "customers", "globex.yaml"), VALID);

      // WHEN
      const refusal = refusalIn(join(root, "customers"), testSettings(), root);

      // THEN
      expect(refusal.message.split("\n").slice(1)).toEqual([
        "  customers/a\\n  forged line\\u001b[2K.yaml: (file name): the id (file name) 'a\\n  forged line\\u001b[2K' must be a lower-case slug: a-z, 0-9 and inner hyphens, starting with a letter",
        "  customers/caf\\xe9.yaml: (file name): is not UTF-8: customer files are named <id>.yaml",
      ]);
    });

    it.each([17, 200])("rejects mappings nested %i levels deep before anything reads them recursively", (depth) => {
      // GIVEN
      const root = scratchFolder();
      const nested = `${"{a: ".repeat(depth - 1)}1${"}".repeat(depth - 1)}`;
      writeFileSync(join(root, "customers", "acme.yaml"), `${VALID}auth: ${nested}\n`);

      // WHEN
      const problems = problemsIn(join(root, "customers"), testSettings(), root);

      // THEN
      expect(problems).toEqual([
        {
          file: "customers/acme.yaml",
          field: "(yaml)",
          rule: "nested too deeply for a customer file (more than 16 levels)",
        },
      ]);
    });

    it("rejects a file nested thousands of levels deep, naming it, and still lists other files' problems", () => {
      // GIVEN
      const root = scratchFolder();
      const depth = 20_000;
      writeFileSync(join(root, "customers", "acme.yaml"), `${VALID}auth: ${"[".repeat(depth)}${"]".repeat(depth)}\n`);
      writeFileSync(join(root, "customers", "globex.yaml"), VALID.replace("ops@acme.example", "nobody"));

      // WHEN
      const problems = problemsIn(join(root, "customers"), testSettings(), root);

      // THEN
      expect(problems).toEqual([
        {
          file: "customers/acme.yaml",
          field: expect.stringMatching(/^\(yaml, line 5, column \d+\)$/),
          rule: "malformed YAML: nested too deeply for a customer file",
        },
        { file: "customers/globex.yaml", field: "contactEmail", rule: "must be an e-mail address" },
      ]);
    });

    it("rejects YAML aliases (a billion-laughs file) and still lists other files' problems", () => {
      // GIVEN the alias bomb next to a file with a problem of its own
      const root = scratchFolder();
      execFileSync("cp", [resolve(FIXTURES, "alias-bomb/acme.yaml"), join(root, "customers", "acme.yaml")]);
      writeFileSync(join(root, "customers", "globex.yaml"), VALID.replace("ops@acme.example", "nobody"));

      // WHEN
      const problems = problemsIn(join(root, "customers"), testSettings(), root);

      // THEN
      expect(problems).toEqual([
        {
          file: "customers/acme.yaml",
          field: "(yaml)",
          rule: "YAML anchors and aliases (&name, *name) are not allowed in customer files: write each value out",
        },
        { file: "customers/globex.yaml", field: "contactEmail", rule: "must be an e-mail address" },
      ]);
    });
  });

  describe("free text", () => {
    it("rejects control and bidirectional characters, naming the character and where it is", () => {
      expect(problemsOf("control-characters")).toEqual([
        {
          file: "control-characters/acme.yaml",
          field: "displayName",
          rule: "must not contain control, invisible or bidirectional characters: found U+0000 at position 5",
        },
        {
          file: "control-characters/acme.yaml",
          field: "description",
          rule: "must not contain control, invisible or bidirectional characters: found U+202E at position 14",
        },
      ]);
    });

    it("rejects cdktn's reference marker, which cdktn would resolve", () => {
      expect(problemsOf("token-marker")).toEqual([
        {
          file: "token-marker/acme.yaml",
          field: "displayName",
          rule: "must not contain '{TfToken[' (a cdktn reference marker)",
        },
      ]);
    });

    it("accepts template syntax as the text it is (it is escaped, never evaluated)", () => {
      const [acme] = loadCustomers({ directory: resolve(FIXTURES, "template-text"), settings: testSettings() });
      expect(acme?.displayName).toBe('${file("/etc/hostname")}');
      expect(acme?.description).toBe("%{ if true }x%{ endif } $${ok}");
    });

    it("rejects a role YAML read as a mapping, saying how to write it", () => {
      expect(problemsOf("role-as-mapping")).toEqual([
        {
          file: "role-as-mapping/acme.yaml",
          field: "roles[0]",
          rule: 'must be a role name, got a mapping ({"orders":"read"}); quote it: \'orders:read\'',
        },
      ]);
    });
  });

  describe("hidden characters and markers outside free text", () => {
    it("rejects a bidirectional override in a comment, where review would read it wrong", () => {
      expect(problemsOf("bidi-in-comment")).toEqual([
        {
          file: "bidi-in-comment/acme.yaml",
          field: "(file, line 5)",
          rule: "must not contain U+202E: control and bidirectional characters make a file read differently than it is, comments included",
        },
      ]);
    });

    it("rejects cdktn's reference marker in any field, not only in names and descriptions", () => {
      expect(problemsOf("token-marker-in-kid")).toEqual([
        {
          file: "token-marker-in-kid/acme.yaml",
          field: "auth.jwks.keys[0].kid",
          rule: "must not contain '{TfToken[' (a cdktn reference marker)",
        },
      ]);
    });
  });

  describe("adoption", () => {
    it("rejects adopt in a customer file: taking over a client made by hand is the operator's decision", () => {
      expect(problemsOf("adopt-in-file")).toEqual([
        {
          file: "adopt-in-file/acme.yaml",
          field: "adopt",
          rule: "is not a customer-file field: adopting a client made by hand is the operator's decision (settings customers.adoptable in lib/environments.ts)",
        },
      ]);
    });
  });

  describe("private key material, wherever it hides", () => {
    it.each([
      ["pgp-private-key", "a private key block (PEM, OpenSSH, OpenPGP or SSH2)"],
      ["ssh2-private-key", "a private key block (PEM, OpenSSH, OpenPGP or SSH2)"],
      ["openssh-private-key", "a private key block (PEM, OpenSSH, OpenPGP or SSH2)"],
      ["jwk-in-comment", "a private JWK member ('d')"],
      ["escaped-pem", "a private key block (PEM, OpenSSH, OpenPGP or SSH2)"],
    ])("rejects %s", (folder, kind) => {
      expect(problemsOf(folder)).toEqual([
        {
          file: `${folder}/acme.yaml`,
          field: "(file)",
          rule: `holds ${kind}: remove it (and treat it as leaked); give public keys only`,
        },
      ]);
    });
  });

  it("rejects an age private key pasted where the customer's public key belongs (generated here, never committed)", async () => {
    // GIVEN
    const root = scratchFolder();
    const identity = await generateIdentity();
    writeFileSync(join(root, "customers", "acme.yaml"), `${VALID}ageRecipient: ${identity}\n`);

    // WHEN
    const problems = problemsIn(join(root, "customers"), testSettings(), root);

    // THEN
    expect(problems).toEqual([
      {
        file: "customers/acme.yaml",
        field: "(file)",
        rule: "holds an age private key: remove it (and treat it as leaked); give public keys only",
      },
    ]);
  });

  it("rejects a private key pasted as bare base64 DER, without its PEM lines (generated here, never committed)", () => {
    // GIVEN
    const root = scratchFolder();
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const der = privateKey.export({ format: "der", type: "pkcs8" }).toString("base64");
    writeFileSync(join(root, "customers", "acme.yaml"), `${VALID}# backup: ${der}\n`);

    // WHEN
    const problems = problemsIn(join(root, "customers"), testSettings(), root);

    // THEN
    expect(problems).toEqual([
      {
        file: "customers/acme.yaml",
        field: "(file)",
        rule: "holds a private key in base64 DER (PKCS#8, PKCS#1 or SEC 1): remove it (and treat it as leaked); give public keys only",
      },
    ]);
  });
});

describe("customer files written to attack the pipeline, keys", () => {
  describe("private_key_jwt keys", () => {
    it("rejects a JWKS URL on an internal address", () => {
      expect(problemsOf("jwks-internal-host")).toEqual([
        {
          file: "jwks-internal-host/acme.yaml",
          field: "auth.jwksUrl",
          rule: "'169.254.169.254' is a loopback, private, link-local, metadata or reserved address: give the customer's public host name",
        },
      ]);
    });

    it("rejects members an inline public key does not have, and an alg other than the client's", () => {
      expect(problemsOf("jwk-extra-member")).toEqual([
        {
          file: "jwk-extra-member/acme.yaml",
          field: "auth.jwks.keys[0].x5u",
          rule: "is not a public member of an EC signing key (allowed: kty, kid, use, alg, crv, x, y)",
        },
        {
          file: "jwk-extra-member/acme.yaml",
          field: "auth.jwks.keys[0].alg",
          rule: "is RS256, but this client's algorithm is ES256",
        },
      ]);
    });

    it("rejects a JWKS host the operator has not allowed, listing the allowed ones", () => {
      const settings = testSettings((draft) => {
        draft.customers = { jwksHosts: ["keys.partner.example", "*.acme.example"] };
      });
      expect(problemsOf("jwks-url-not-allowed", settings)).toEqual([
        {
          file: "jwks-url-not-allowed/acme.yaml",
          field: "auth.jwksUrl",
          rule: "host 'keys.elsewhere.example' is not on the operator's list of JWKS hosts (settings customers.jwksHosts: keys.partner.example, *.acme.example)",
        },
      ]);
    });

    const jwksUrl = (url: string, hosts?: string[]) => {
      const result = customerAuthSchema(hosts).safeParse({ method: "private-key-jwt", jwksUrl: url });
      return result.success ? "accepted" : result.error.issues.map((issue) => issue.message).join("; ");
    };

    it.each([
      "https://127.0.0.1/jwks",
      "https://2130706433/jwks", // 127.0.0.1 written as one number
      "https://10.1.2.3/jwks",
      "https://172.16.0.1/jwks",
      "https://192.168.1.1/jwks",
      "https://100.64.0.1/jwks",
      "https://169.254.169.254/latest/meta-data/",
      "https://[::1]/jwks",
      "https://[fd00:ec2::254]/jwks",
      "https://[fe80::1]/jwks",
      "https://[::ffff:10.0.0.1]/jwks",
      "https://0.0.0.0/jwks",
      "https://[::7f00:1]/jwks", // IPv4-compatible 127.0.0.1
      "https://[64:ff9b:1::a9fe:a9fe]/jwks", // local-use NAT64 of 169.254.169.254
      "https://[2002:a9fe:a9fe::]/jwks", // 6to4
      "https://[fec0::1]/jwks",
      "https://168.63.129.16/jwks", // Azure's wire server
    ])("rejects the internal address in %s", (url) => {
      expect(jwksUrl(url)).toMatch(/is a loopback, private, link-local, metadata or reserved address/);
    });

    it.each([
      ["https://localhost/jwks", "single-label"],
      ["https://keys/jwks", "single-label"],
      ["https://keys.localhost/jwks", "internal name (.localhost)"],
      ["https://printer.local/jwks", "internal name (.local)"],
      ["https://metadata.google.internal/computeMetadata/v1/", "internal name (.internal)"],
      ["https://localhost./jwks", "single-label"],
      ["https://nas.home.arpa/jwks", "internal name (.home.arpa)"],
      ["https://localhost../jwks", "single-label"],
    ])("rejects the internal name in %s", (url, rule) => {
      expect(jwksUrl(url)).toContain(rule);
    });

    it("accepts a public host, and a host the allow-list names directly or by domain", () => {
      expect(jwksUrl("https://keys.acme.example/.well-known/jwks.json")).toBe("accepted");
      expect(jwksUrl("https://203.0.114.7/jwks")).toBe("accepted");
      expect(jwksUrl("https://login.acme.example/jwks", ["*.acme.example"])).toBe("accepted");
      expect(jwksUrl("https://acme.example.evil.example/jwks", ["*.acme.example"])).toMatch(
        /not on the operator's list/,
      );
    });

    it("rejects a JWKS URL not written canonically, so the host checked is the host Keycloak calls", () => {
      expect(jwksUrl("https://KEYS.acme.example/jwks")).toBe(
        "must be written in canonical form: https://keys.acme.example/jwks",
      );
    });
  });
});
