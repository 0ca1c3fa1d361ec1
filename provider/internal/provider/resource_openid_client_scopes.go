package provider

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/keycloak-realm-as-code/terraform-provider-keycloak/internal/keycloak"
)

// Four resources make a set of client scopes exactly the listed ones: a client's default and
// optional scopes (keycloak_openid_client_default_scopes, keycloak_openid_client_optional_scopes)
// and the realm's, which Keycloak gives every new client (keycloak_realm_default_client_scopes,
// keycloak_realm_optional_client_scopes). They differ only in where the set lives and in the
// name of the list, so one type implements all four.

func newOpenidClientDefaultScopesResource() resource.Resource {
	return clientScopes{kind: "default"}.resource()
}

func newOpenidClientOptionalScopesResource() resource.Resource {
	return clientScopes{kind: "optional"}.resource()
}

func newRealmDefaultClientScopesResource() resource.Resource {
	return clientScopes{kind: "default", realmWide: true}.resource()
}

func newRealmOptionalClientScopesResource() resource.Resource {
	return clientScopes{kind: "optional", realmWide: true}.resource()
}

type clientScopes struct {
	kind      string // "default" or "optional"
	realmWide bool   // the realm's scopes for new clients, not one client's
}

type clientScopesModel struct {
	ID       types.String
	RealmID  types.String
	ClientID types.String // null for the realm's scopes
	Scopes   types.Set
}

func (c clientScopes) scopesAttr() string { return c.kind + "_scopes" }

func (c clientScopes) typeName() string {
	if c.realmWide {
		return "keycloak_realm_" + c.kind + "_client_scopes"
	}
	return "keycloak_openid_client_" + c.kind + "_scopes"
}

func (c clientScopes) resource() resource.Resource {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	// Upstream has no import for a client's scopes; this is an addition.
	owner, id, importFormat := "a client", "{realm_id}/{client_id}.", idParts("{realm}/{client id in Keycloak}", "realm_id", "client_id")
	if c.realmWide {
		owner, id, importFormat = "the realm, which Keycloak gives every new client", "The realm.", idParts("{realm}", "realm_id")
	}
	attributes := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			Computed: true, Description: id,
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"realm_id": schema.StringAttribute{Required: true, Description: "The realm.", PlanModifiers: replace},
		c.scopesAttr(): schema.SetAttribute{
			ElementType: types.StringType, Required: true,
			Description: fmt.Sprintf("Names of the client scopes that are the %s scopes of %s.", c.kind, owner),
		},
	}
	if !c.realmWide {
		attributes["client_id"] = schema.StringAttribute{Required: true, Description: "Internal id of the client.", PlanModifiers: replace}
	}
	return newResource(resourceType[clientScopesModel]{
		name: c.typeName(),
		schema: schema.Schema{
			Description: fmt.Sprintf("The %s client scopes of %s, authoritatively: others are detached.", c.kind, owner),
			Attributes:  attributes,
		},
		create: c.reconcile,
		read:   c.read,
		update: func(ctx context.Context, kc *keycloak.Client, plan, _ *clientScopesModel, diags *diag.Diagnostics) error {
			return c.reconcile(ctx, kc, plan, diags)
		},
		delete:   c.detach,
		importID: importFormat,
		load:     c.load,
		store:    c.store,
	})
}

// load and store name the scopes attribute after the kind; the realm's scopes have no client_id.
func (c clientScopes) load(ctx context.Context, from modelSource, m *clientScopesModel) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.Append(from.GetAttribute(ctx, path.Root("id"), &m.ID)...)
	diags.Append(from.GetAttribute(ctx, path.Root("realm_id"), &m.RealmID)...)
	if !c.realmWide {
		diags.Append(from.GetAttribute(ctx, path.Root("client_id"), &m.ClientID)...)
	}
	diags.Append(from.GetAttribute(ctx, path.Root(c.scopesAttr()), &m.Scopes)...)
	return diags
}

func (c clientScopes) store(ctx context.Context, to *tfsdk.State, m *clientScopesModel) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.Append(to.SetAttribute(ctx, path.Root("id"), m.ID)...)
	diags.Append(to.SetAttribute(ctx, path.Root("realm_id"), m.RealmID)...)
	if !c.realmWide {
		diags.Append(to.SetAttribute(ctx, path.Root("client_id"), m.ClientID)...)
	}
	diags.Append(to.SetAttribute(ctx, path.Root(c.scopesAttr()), m.Scopes)...)
	return diags
}

func (c clientScopes) collection(m *clientScopesModel) string {
	if c.realmWide {
		return keycloak.Path(m.RealmID.ValueString(), "default-"+c.kind+"-client-scopes")
	}
	return keycloak.Path(m.RealmID.ValueString(), "clients", m.ClientID.ValueString(), c.kind+"-client-scopes")
}

// attached lists the scopes of this kind as name → id.
func (c clientScopes) attached(ctx context.Context, kc *keycloak.Client, m *clientScopesModel) (map[string]string, error) {
	var scopes []keycloak.Rep
	if err := kc.Get(ctx, c.collection(m), &scopes); err != nil {
		return nil, err
	}
	out := make(map[string]string, len(scopes))
	for _, s := range scopes {
		out[s.String("name")] = s.String("id")
	}
	return out, nil
}

// current is the names of the scopes of this kind, as name → id, and whether the other kind's list
// is known (other): a client's lists come from the read of the client just before, when there was
// one (the engine reads or writes a client before its scopes), with the ids left "", else from a
// GET of this kind's list.
func (c clientScopes) current(ctx context.Context, kc *keycloak.Client, m *clientScopesModel) (have map[string]string, other []string, otherKnown bool, err error) {
	if !c.realmWide {
		if mine, other, ok := kc.TakeClientScopes(m.RealmID.ValueString(), m.ClientID.ValueString(), c.kind); ok {
			have = make(map[string]string, len(mine))
			for _, name := range mine {
				have[name] = ""
			}
			return have, other, true, nil
		}
	}
	have, err = c.attached(ctx, kc, m)
	return have, nil, false, err
}

// reconcile makes the scopes of this kind exactly the planned ones.
func (c clientScopes) reconcile(ctx context.Context, kc *keycloak.Client, m *clientScopesModel, diags *diag.Diagnostics) error {
	want := setStrings(ctx, m.Scopes, diags)
	if diags.HasError() {
		return nil
	}
	have, other, otherKnown, err := c.current(ctx, kc, m)
	if err != nil {
		return step("read the scopes of", err)
	}
	var detach, attach []string
	for name := range have {
		if !slices.Contains(want, name) {
			detach = append(detach, name)
		}
	}
	for _, name := range want {
		if _, ok := have[name]; !ok {
			attach = append(attach, name)
		}
	}
	// Ids the list read did not give: from the realm's scopes, read once per run.
	ids := have
	if slices.ContainsFunc(detach, func(name string) bool { return have[name] == "" }) || len(attach) > 0 {
		if ids, err = kc.ClientScopeIDs(ctx, m.RealmID.ValueString(), append(slices.Clone(detach), attach...)...); err != nil {
			return step("list the client scopes for", err)
		}
	}
	for _, name := range detach {
		id := have[name]
		if id == "" {
			id = ids[name]
		}
		if id == "" { // deleted from the realm since the client was read: no longer attached
			continue
		}
		if err := kc.Delete(ctx, c.collection(m)+"/"+id, nil); err != nil && !keycloak.IsNotFound(err) {
			return step("detach scope "+name+" in", err)
		}
	}
	for _, name := range attach {
		id, ok := ids[name]
		if !ok {
			diags.AddAttributeError(path.Root(c.scopesAttr()), "Client scope not found",
				fmt.Sprintf("Realm %q has no client scope called %q.", m.RealmID.ValueString(), name))
			return nil
		}
		if err := kc.Put(ctx, c.collection(m)+"/"+id, nil); err != nil {
			return step("attach scope "+name+" in", err)
		}
	}
	m.ID = types.StringValue(m.RealmID.ValueString())
	if !c.realmWide {
		m.ID = types.StringValue(m.RealmID.ValueString() + "/" + m.ClientID.ValueString())
	}
	// An attach Keycloak may have ignored is read back: it answers 204 to one of a scope already in
	// the client's other list. Without one, no read back: every wanted scope was in the list read
	// above, and every other one in it was detached by a DELETE of that very entry, which Keycloak
	// does not ignore, so the read would give the planned set. Only a writer between that read and
	// now could make it differ, as one right after a read back would; the next refresh finds either.
	ignorable := slices.ContainsFunc(attach, func(name string) bool { return !otherKnown || slices.Contains(other, name) })
	if !ignorable {
		return nil
	}
	return step("read", c.read(ctx, kc, m))
}

func (c clientScopes) read(ctx context.Context, kc *keycloak.Client, m *clientScopesModel) error {
	have, _, _, err := c.current(ctx, kc, m)
	if err != nil {
		return err
	}
	names := make([]string, 0, len(have))
	for name := range have {
		names = append(names, name)
	}
	m.Scopes = stringSet(names)
	return nil
}

// detach detaches the scopes this resource attached.
func (c clientScopes) detach(ctx context.Context, kc *keycloak.Client, m *clientScopesModel) error {
	have, err := c.attached(ctx, kc, m)
	if err != nil {
		return step("read", err)
	}
	var diags diag.Diagnostics
	for _, name := range setStrings(ctx, m.Scopes, &diags) {
		if id, ok := have[name]; ok {
			if err := kc.Delete(ctx, c.collection(m)+"/"+id, nil); err != nil && !keycloak.IsNotFound(err) {
				return step("detach scope "+name+" in", err)
			}
		}
	}
	return nil
}
