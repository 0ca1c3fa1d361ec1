// Synthetic input for the benchmark: N customer files, a scratch copy of the project holding them, and
// the same realm written as plain Terraform JSON and as a keycloak-config-cli import file.
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { environments } from "../lib/environments";
import { goDuration } from "../lib/constructs/durations";
import { CUSTOMER_BUILT_IN_SCOPES, customerSource, SOURCE_ATTRIBUTE } from "../lib/constructs/customer-client";
import { NEW_CLIENT_DEFAULT_SCOPES } from "../lib/constructs/hardened-realm";
import { requirement } from "../lib/constructs/keycloak-provider";
import { SECRET_GRACE_ATTRIBUTE } from "../lib/constructs/secret-rotation";
import { roleScopeName } from "../lib/model/role-scopes";
import { secretLifetimes } from "../lib/model/settings";

const ROOT = resolve(import.meta.dirname, "..");
/** What `npm run plan|deploy` need of the repository; customers/ is replaced by generated files. */
const PROJECT_FILES = ["main.ts", "lib", ".gen", "cdktf.json", "package.json", "tsconfig.json", "scripts"];

/** The environment every measurement deploys: what `npm run deploy` deploys by default. */
export const SETTINGS = environments.local;
export const REALM = SETTINGS.realm.name;
const AUDIENCE_SCOPE = `${SETTINGS.backend.clientId}-audience`;
/** The client attribute selecting a customer client's secret rotation policy (the realm's one policy here). */
const GRACE = String(secretLifetimes(SETTINGS).graceSeconds);
const MAX_AGE = String(secretLifetimes(SETTINGS).maxAgeSeconds);
/** A customer client's default scopes: the built-in ones, the audience scope and its roles' scopes. */
export function customerDefaultScopes(customer: { readonly roles: readonly string[] }): string[] {
  return [
    ...CUSTOMER_BUILT_IN_SCOPES,
    AUDIENCE_SCOPE,
    ...customer.roles.map((role) => roleScopeName(SETTINGS.backend.clientId, role)),
  ];
}
/** Built-in default scopes of the frontend, as FrontendClient declares them. */
const FRONTEND_BUILT_IN_SCOPES = ["basic", "acr", "web-origins", "profile", "email", "roles"];

export interface SyntheticCustomer {
  readonly id: string;
  readonly displayName: string;
  readonly description: string;
  readonly roles: readonly string[];
}

/** N customers holding 1, 2 or 3 API roles in turn (2 on average), like a real mix of readers and writers. */
export function syntheticCustomers(count: number): SyntheticCustomer[] {
  const roleNames = SETTINGS.backend.roles.map((role) => role.name);
  const width = String(count).length;
  return Array.from({ length: count }, (_, i) => ({
    id: `customer-${String(i + 1).padStart(width, "0")}`,
    displayName: `Customer ${i + 1}`,
    description: `Synthetic benchmark customer number ${i + 1}.`,
    roles: roleNames.slice(0, (i % 3) + 1),
  }));
}

/** The customer file a person would write, in the repository's format. */
function customerYaml(customer: SyntheticCustomer): string {
  return [
    `displayName: ${customer.displayName}`,
    `contactEmail: integrations@${customer.id}.example`,
    `description: ${customer.description}`,
    "roles:",
    ...customer.roles.map((role) => `  - "${role}"`),
    "",
  ].join("\n");
}

/** A scratch copy of the project with `customers/` holding exactly the given customers. */
export class ScratchProject {
  private constructor(readonly directory: string) {}

  static async create(): Promise<ScratchProject> {
    const directory = await mkdtemp(join(tmpdir(), "realm-bench-"));
    for (const file of PROJECT_FILES) await cp(join(ROOT, file), join(directory, file), { recursive: true });
    await symlink(join(ROOT, "node_modules"), join(directory, "node_modules"), "dir");
    return new ScratchProject(directory);
  }

  async setCustomers(customers: readonly SyntheticCustomer[]): Promise<void> {
    const folder = join(this.directory, "customers");
    await rm(folder, { recursive: true, force: true });
    await mkdir(folder);
    for (const customer of customers) await writeFile(join(folder, `${customer.id}.yaml`), customerYaml(customer));
  }

  /** Forgets everything deployed: the local states (the realm itself is deleted through the admin API). */
  async removeState(): Promise<void> {
    for (const file of await readdir(this.directory)) {
      if (/^terraform\..+\.tfstate(\.backup)?$/.test(file)) await rm(join(this.directory, file), { force: true });
    }
  }

  /** Spreads the local environment's customers over `shards` stacks (settings customers.shards), as an operator would. */
  async setShards(shards: number): Promise<void> {
    const file = join(this.directory, "lib", "environments.ts");
    const source = await readFile(file, "utf8");
    // The first parseSettings input is the local environment's.
    const edited = source.replace(/parseSettings\(\s*\{/, (opening) => `${opening} customers: { shards: ${shards} },`);
    if (edited === source) throw new Error("lib/environments.ts no longer has the shape setShards edits");
    await writeFile(file, edited);
  }

  get synthesizedJson(): string {
    return join(this.directory, "cdktf.out", "stacks", "local", "cdk.tf.json");
  }

  async dispose(): Promise<void> {
    await rm(this.directory, { recursive: true, force: true });
  }
}

type Json = Record<string, unknown>;
const realmResourceRef = "${keycloak_realm.atlas.id}";
/** The realm id as clients take it: from the realm's scopes for new clients, so they are created after those. */
const realmRef = "${keycloak_realm_optional_client_scopes.atlas.realm_id}";
/** Terraform names allow letters, digits, `_` and `-`: `orders:read` becomes `orders_read`. */
const slug = (name: string) => name.replace(/[^A-Za-z0-9_-]/g, "_");

/**
 * The realm of `lib/` for the local environment written by hand as Terraform JSON, with the same
 * resources and attributes as the synthesized stack, on the bundled provider as scripts/versions.env
 * pins it, and no cdktf. `resourceDifference` checks that it matches what main.ts synthesizes.
 */
export function plainTerraformJson(customers: readonly SyntheticCustomer[], statePath: string): Json {
  const { realm, frontend, backend } = SETTINGS;
  const resource: Record<string, Record<string, Json>> = {};
  const add = (type: string, name: string, body: Json) => ((resource[type] ??= {})[name] = body);

  add("keycloak_realm", "atlas", {
    realm: realm.name,
    enabled: true,
    display_name: realm.displayName ?? realm.name,
    ssl_required: realm.sslRequired,
    access_token_lifespan: goDuration(realm.accessTokenLifespanSeconds),
    sso_session_idle_timeout: goDuration(realm.ssoSessionIdleSeconds),
    sso_session_max_lifespan: goDuration(realm.ssoSessionMaxSeconds),
    revoke_refresh_token: true,
    refresh_token_max_reuse: 0,
    password_policy: realm.passwordPolicy,
    security_defenses: {
      brute_force_detection: {
        permanent_lockout: true,
        max_temporary_lockouts: realm.maxTemporaryLockouts,
        max_login_failures: 5,
        wait_increment_seconds: 60,
        quick_login_check_milli_seconds: 1000,
        minimum_quick_login_wait_seconds: 60,
        max_failure_wait_seconds: 900,
        failure_reset_time_seconds: 43200,
      },
    },
    lifecycle: { prevent_destroy: true },
  });
  add("keycloak_realm_default_client_scopes", "atlas", {
    realm_id: realmResourceRef,
    default_scopes: NEW_CLIENT_DEFAULT_SCOPES,
  });
  add("keycloak_realm_optional_client_scopes", "atlas", {
    realm_id: "${keycloak_realm_default_client_scopes.atlas.realm_id}",
    optional_scopes: [],
  });
  add("keycloak_realm_events", "atlas", {
    realm_id: realmResourceRef,
    events_enabled: true,
    events_expiration: realm.eventsExpirationSeconds,
    admin_events_enabled: true,
    admin_events_details_enabled: true,
    events_listeners: ["jboss-logging"],
  });
  add("keycloak_openid_client", "api", {
    realm_id: realmRef,
    client_id: backend.clientId,
    name: "Backend API",
    description: "Receives access tokens; has no login flows of its own.",
    access_type: "CONFIDENTIAL",
    standard_flow_enabled: false,
    implicit_flow_enabled: false,
    direct_access_grants_enabled: false,
    service_accounts_enabled: false,
    full_scope_allowed: false,
    frontchannel_logout_enabled: false,
  });
  for (const role of backend.roles) {
    add("keycloak_role", `api_${slug(role.name)}`, {
      realm_id: realmRef,
      client_id: "${keycloak_openid_client.api.id}",
      name: role.name,
      description: role.description,
    });
  }
  // One client scope per API role, mapped to it: customers get their roles into tokens through these.
  for (const role of backend.roles) {
    add("keycloak_openid_client_scope", `api_role_${slug(role.name)}`, {
      realm_id: realmRef,
      name: roleScopeName(backend.clientId, role.name),
      description: `Lets tokens carry the ${backend.clientId} role ${role.name} when the client's service account holds it.`,
      include_in_token_scope: false,
    });
    add("keycloak_generic_role_mapper", `api_role_${slug(role.name)}`, {
      realm_id: realmRef,
      client_scope_id: `\${keycloak_openid_client_scope.api_role_${slug(role.name)}.id}`,
      role_id: `\${keycloak_role.api_${slug(role.name)}.id}`,
    });
  }
  add("keycloak_openid_client_scope", "api_audience", {
    realm_id: realmRef,
    name: AUDIENCE_SCOPE,
    description: `Adds ${backend.clientId} to the audience of access tokens.`,
    include_in_token_scope: false,
  });
  add("keycloak_openid_audience_protocol_mapper", "api_audience", {
    realm_id: realmRef,
    client_scope_id: "${keycloak_openid_client_scope.api_audience.id}",
    name: "backend-audience",
    included_client_audience: "${keycloak_openid_client.api.client_id}",
    add_to_access_token: true,
    add_to_id_token: false,
  });

  // Keycloak's secret rotation for customer clients (SecretRotation): the realm's grace period only.
  const rotation = `realm-as-code-secret-rotation-${GRACE}s`;
  add("keycloak_realm_client_policy_profile", "secret_rotation", {
    realm_id: realmRef,
    name: rotation,
    description: `Customer secrets: ${MAX_AGE} s at most; the previous one works ${GRACE} s after a rotation.`,
    executor: [
      {
        name: "secret-rotation",
        configuration: {
          "expiration-period": MAX_AGE,
          "rotated-expiration-period": GRACE,
          "remaining-rotation-period": "0",
        },
      },
    ],
  });
  add("keycloak_realm_client_policy_profile_policy", "secret_rotation", {
    realm_id: realmRef,
    name: rotation,
    description: `Customer clients whose ${SECRET_GRACE_ATTRIBUTE} is ${GRACE}.`,
    profiles: ["${keycloak_realm_client_policy_profile.secret_rotation.name}"],
    condition: [
      {
        name: "client-attributes",
        configuration: {
          "is-negative-logic": "false",
          attributes: JSON.stringify([{ key: SECRET_GRACE_ATTRIBUTE, value: GRACE }]),
        },
      },
    ],
    depends_on: ["keycloak_realm_client_policy_profile.secret_rotation"],
  });

  add("keycloak_openid_client", "frontend", {
    realm_id: realmRef,
    client_id: frontend.clientId,
    name: "Frontend",
    access_type: "PUBLIC",
    standard_flow_enabled: true,
    implicit_flow_enabled: false,
    direct_access_grants_enabled: false,
    service_accounts_enabled: false,
    pkce_code_challenge_method: "S256",
    root_url: frontend.rootUrl,
    base_url: frontend.rootUrl,
    valid_redirect_uris: frontend.redirectUris,
    valid_post_logout_redirect_uris: frontend.postLogoutRedirectUris,
    web_origins: frontend.webOrigins,
    full_scope_allowed: false,
    consent_required: false,
    frontchannel_logout_enabled: true,
  });
  clientScopes(add, "frontend", FRONTEND_BUILT_IN_SCOPES);
  noOptionalScopes(add, "frontend");
  for (const role of backend.roles) scopeMapping(add, "frontend", role.name);

  for (const customer of customers) {
    const name = `customer_${customer.id}`;
    add("keycloak_openid_client", name, {
      realm_id: realmRef,
      client_id: customer.id,
      name: customer.displayName,
      description: customer.description,
      enabled: true,
      client_secret_regenerate_when_changed: { secretVersion: "1" },
      extra_config: { [SECRET_GRACE_ATTRIBUTE]: GRACE, [SOURCE_ATTRIBUTE]: customerSource(customer.id) },
      access_type: "CONFIDENTIAL",
      standard_flow_enabled: false,
      implicit_flow_enabled: false,
      direct_access_grants_enabled: false,
      service_accounts_enabled: true,
      use_refresh_tokens_client_credentials: false,
      full_scope_allowed: false,
      consent_required: false,
      frontchannel_logout_enabled: false,
      depends_on: ["keycloak_realm_client_policy_profile_policy.secret_rotation"],
    });
    const roleScopes = customer.roles.map((role) => `\${keycloak_openid_client_scope.api_role_${slug(role)}.name}`);
    clientScopes(add, name, CUSTOMER_BUILT_IN_SCOPES, roleScopes);
    add("keycloak_user_roles", name, {
      realm_id: realmRef,
      user_id: `\${keycloak_openid_client.${name}.service_account_user_id}`,
      role_ids: customer.roles.map((role) => `\${keycloak_role.api_${slug(role)}.id}`),
      exhaustive: true,
    });
  }

  return {
    terraform: {
      backend: { local: { path: statePath } },
      required_providers: {
        keycloak: requirement("bundled"),
      },
    },
    provider: { keycloak: [{ initial_login: false }] },
    resource,
  };
}

type Add = (type: string, name: string, body: Json) => void;

/** Exactly these default scopes, the audience scope and `more`. */
function clientScopes(add: Add, client: string, builtIn: readonly string[], more: readonly string[] = []): void {
  add("keycloak_openid_client_default_scopes", client, {
    realm_id: realmRef,
    client_id: `\${keycloak_openid_client.${client}.id}`,
    default_scopes: [...builtIn, "${keycloak_openid_client_scope.api_audience.name}", ...more],
  });
}

/** An empty optional-scope set, as the frontend has (customers have none by the realm's defaults, and one added by hand is drift). */
function noOptionalScopes(add: Add, client: string): void {
  add("keycloak_openid_client_optional_scopes", client, {
    realm_id: realmRef,
    client_id: `\${keycloak_openid_client.${client}.id}`,
    optional_scopes: [],
  });
}

function scopeMapping(add: Add, client: string, role: string): void {
  add("keycloak_generic_role_mapper", `${client}_scope_${slug(role)}`, {
    realm_id: realmRef,
    client_id: `\${keycloak_openid_client.${client}.id}`,
    role_id: `\${keycloak_role.api_${slug(role)}.id}`,
  });
}

/**
 * Why two Terraform JSON documents do not declare the same resources, or undefined when they do:
 * per resource type, the same bodies once names in references are blanked (`${type.*.attr}`).
 */
export function resourceDifference(a: Json, b: Json): string | undefined {
  const bodies = (doc: Json) => {
    const out: string[] = [];
    for (const [type, byName] of Object.entries((doc.resource ?? {}) as Record<string, Record<string, Json>>)) {
      for (const body of Object.values(byName)) {
        const { ["//"]: _metadata, ...rest } = body;
        // Named by type only, as references are below: each document names its resources its own way.
        if (Array.isArray(rest.depends_on))
          rest.depends_on = rest.depends_on.map((address) => `${String(address).split(".")[0]}.*`);
        out.push(
          `${type} ${JSON.stringify(sortKeys(rest)).replace(/\$\{([a-z_]+)\.[^.}]+\.([a-z_]+)\}/g, "$${$1.*.$2}")}`,
        );
      }
    }
    return out.sort();
  };
  const [left, right] = [bodies(a), bodies(b)];
  const onlyLeft = left.filter((x) => !right.includes(x));
  const onlyRight = right.filter((x) => !left.includes(x));
  if (left.length === right.length && onlyLeft.length === 0) return undefined;
  const first = (list: string[]) => (list[0] ?? "nothing").slice(0, 400);
  return `${left.length} vs ${right.length} resources; e.g. only in the first: ${first(onlyLeft)}; only in the second: ${first(onlyRight)}`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([x], [y]) => x.localeCompare(y))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}

/** A customer's client as the admin API represents it: what the floor POSTs and keycloak-config-cli imports. */
export function customerClientRepresentation(customer: SyntheticCustomer): Json {
  return {
    clientId: customer.id,
    name: customer.displayName,
    description: customer.description,
    enabled: true,
    protocol: "openid-connect",
    publicClient: false,
    clientAuthenticatorType: "client-secret",
    standardFlowEnabled: false,
    implicitFlowEnabled: false,
    directAccessGrantsEnabled: false,
    serviceAccountsEnabled: true,
    fullScopeAllowed: false,
    consentRequired: false,
    frontchannelLogout: false,
    attributes: {
      "client_credentials.use_refresh_token": "false",
      [SECRET_GRACE_ATTRIBUTE]: GRACE,
      [SOURCE_ATTRIBUTE]: customerSource(customer.id),
    },
    defaultClientScopes: customerDefaultScopes(customer),
    optionalClientScopes: [],
  };
}

/**
 * The same realm as a keycloak-config-cli import file: realm settings, backend with its role scopes,
 * frontend, and one client per customer with its default scopes and its service account's roles.
 */
export function keycloakConfigCliImport(customers: readonly SyntheticCustomer[]): Json {
  const { realm, frontend, backend } = SETTINGS;
  const roleNames = backend.roles.map((role) => role.name);
  return {
    realm: realm.name,
    enabled: true,
    displayName: realm.displayName ?? realm.name,
    sslRequired: realm.sslRequired,
    accessTokenLifespan: realm.accessTokenLifespanSeconds,
    ssoSessionIdleTimeout: realm.ssoSessionIdleSeconds,
    ssoSessionMaxLifespan: realm.ssoSessionMaxSeconds,
    revokeRefreshToken: true,
    refreshTokenMaxReuse: 0,
    bruteForceProtected: true,
    permanentLockout: false,
    failureFactor: 5,
    waitIncrementSeconds: 60,
    quickLoginCheckMilliSeconds: 1000,
    minimumQuickLoginWaitSeconds: 60,
    maxFailureWaitSeconds: 900,
    maxDeltaTimeSeconds: 43200,
    eventsEnabled: true,
    eventsExpiration: realm.eventsExpirationSeconds,
    adminEventsEnabled: true,
    adminEventsDetailsEnabled: true,
    eventsListeners: ["jboss-logging"],
    defaultDefaultClientScopes: NEW_CLIENT_DEFAULT_SCOPES,
    defaultOptionalClientScopes: [],
    roles: { client: { [backend.clientId]: backend.roles.map((r) => ({ name: r.name, description: r.description })) } },
    clientScopes: [
      ...backend.roles.map((role) => ({
        name: roleScopeName(backend.clientId, role.name),
        description: `Lets tokens carry the ${backend.clientId} role ${role.name} when the client's service account holds it.`,
        protocol: "openid-connect",
        attributes: { "include.in.token.scope": "false" },
      })),
      {
        name: AUDIENCE_SCOPE,
        description: `Adds ${backend.clientId} to the audience of access tokens.`,
        protocol: "openid-connect",
        attributes: { "include.in.token.scope": "false" },
        protocolMappers: [
          {
            name: "backend-audience",
            protocol: "openid-connect",
            protocolMapper: "oidc-audience-mapper",
            config: {
              "included.client.audience": backend.clientId,
              "access.token.claim": "true",
              "id.token.claim": "false",
            },
          },
        ],
      },
    ],
    clients: [
      {
        clientId: backend.clientId,
        name: "Backend API",
        description: "Receives access tokens; has no login flows of its own.",
        publicClient: false,
        standardFlowEnabled: false,
        implicitFlowEnabled: false,
        directAccessGrantsEnabled: false,
        serviceAccountsEnabled: false,
        fullScopeAllowed: false,
        frontchannelLogout: false,
      },
      {
        clientId: frontend.clientId,
        name: "Frontend",
        publicClient: true,
        standardFlowEnabled: true,
        implicitFlowEnabled: false,
        directAccessGrantsEnabled: false,
        serviceAccountsEnabled: false,
        rootUrl: frontend.rootUrl,
        baseUrl: frontend.rootUrl,
        redirectUris: frontend.redirectUris,
        webOrigins: frontend.webOrigins,
        attributes: {
          "pkce.code.challenge.method": "S256",
          "post.logout.redirect.uris": frontend.postLogoutRedirectUris.join("##"),
        },
        fullScopeAllowed: false,
        consentRequired: false,
        frontchannelLogout: true,
        defaultClientScopes: [...FRONTEND_BUILT_IN_SCOPES, AUDIENCE_SCOPE],
        optionalClientScopes: [],
      },
      ...customers.map(customerClientRepresentation),
    ],
    users: customers.map((customer) => ({
      username: `service-account-${customer.id}`,
      enabled: true,
      serviceAccountClientId: customer.id,
      clientRoles: { [backend.clientId]: customer.roles },
    })),
    clientScopeMappings: {
      [backend.clientId]: [
        { client: frontend.clientId, roles: roleNames },
        ...roleNames.map((role) => ({ clientScope: roleScopeName(backend.clientId, role), roles: [role] })),
      ],
    },
  };
}
