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
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/keycloak-realm-as-code/terraform-provider-keycloak/internal/keycloak"
)

// Four resources make a set of client scopes exactly the listed ones: a client's default and
// optional scopes (keycloak_openid_client_default_scopes, keycloak_openid_client_optional_scopes)
// and the realm's, which Keycloak gives every new client (keycloak_realm_default_client_scopes,
// keycloak_realm_optional_client_scopes). They differ only in where the set lives and in the
// name of the list, so one type implements all four.

func newOpenidClientDefaultScopesResource() resource.Resource {
	return &clientScopesResource{kind: "default"}
}

func newOpenidClientOptionalScopesResource() resource.Resource {
	return &clientScopesResource{kind: "optional"}
}

func newRealmDefaultClientScopesResource() resource.Resource {
	return &clientScopesResource{kind: "default", realmWide: true}
}

func newRealmOptionalClientScopesResource() resource.Resource {
	return &clientScopesResource{kind: "optional", realmWide: true}
}

type clientScopesResource struct {
	base
	kind      string // "default" or "optional"
	realmWide bool   // the realm's scopes for new clients, not one client's
}

type clientScopesModel struct {
	ID       types.String
	RealmID  types.String
	ClientID types.String // null for the realm's scopes
	Scopes   types.Set
}

func (r *clientScopesResource) scopesAttr() string { return r.kind + "_scopes" }

// name is the type name without the provider's prefix.
func (r *clientScopesResource) name() string {
	if r.realmWide {
		return "realm_" + r.kind + "_client_scopes"
	}
	return "openid_client_" + r.kind + "_scopes"
}

func (r *clientScopesResource) typeName() string { return "keycloak_" + r.name() }

func (r *clientScopesResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + r.name()
}

func (r *clientScopesResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	owner, id := "a client", "{realm_id}/{client_id}."
	if r.realmWide {
		owner, id = "the realm, which Keycloak gives every new client", "The realm."
	}
	attributes := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			Computed: true, Description: id,
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"realm_id": schema.StringAttribute{Required: true, Description: "The realm.", PlanModifiers: replace},
		r.scopesAttr(): schema.SetAttribute{
			ElementType: types.StringType, Required: true,
			Description: fmt.Sprintf("Names of the client scopes that are the %s scopes of %s.", r.kind, owner),
		},
	}
	if !r.realmWide {
		attributes["client_id"] = schema.StringAttribute{Required: true, Description: "Internal id of the client.", PlanModifiers: replace}
	}
	resp.Schema = schema.Schema{
		Description: fmt.Sprintf("The %s client scopes of %s, authoritatively: others are detached.", r.kind, owner),
		Attributes:  attributes,
	}
}

type attributeGetter interface {
	GetAttribute(context.Context, path.Path, any) diag.Diagnostics
}

type attributeSetter interface {
	SetAttribute(context.Context, path.Path, any) diag.Diagnostics
}

func (r *clientScopesResource) get(ctx context.Context, from attributeGetter, diags *diag.Diagnostics) clientScopesModel {
	var m clientScopesModel
	diags.Append(from.GetAttribute(ctx, path.Root("id"), &m.ID)...)
	diags.Append(from.GetAttribute(ctx, path.Root("realm_id"), &m.RealmID)...)
	if !r.realmWide {
		diags.Append(from.GetAttribute(ctx, path.Root("client_id"), &m.ClientID)...)
	}
	diags.Append(from.GetAttribute(ctx, path.Root(r.scopesAttr()), &m.Scopes)...)
	return m
}

func (r *clientScopesResource) set(ctx context.Context, to attributeSetter, m clientScopesModel, diags *diag.Diagnostics) {
	diags.Append(to.SetAttribute(ctx, path.Root("id"), m.ID)...)
	diags.Append(to.SetAttribute(ctx, path.Root("realm_id"), m.RealmID)...)
	if !r.realmWide {
		diags.Append(to.SetAttribute(ctx, path.Root("client_id"), m.ClientID)...)
	}
	diags.Append(to.SetAttribute(ctx, path.Root(r.scopesAttr()), m.Scopes)...)
}

func (r *clientScopesResource) collection(m clientScopesModel) string {
	if r.realmWide {
		return keycloak.Path(m.RealmID.ValueString(), "default-"+r.kind+"-client-scopes")
	}
	return keycloak.Path(m.RealmID.ValueString(), "clients", m.ClientID.ValueString(), r.kind+"-client-scopes")
}

func (r *clientScopesResource) id(m clientScopesModel) string {
	if r.realmWide {
		return m.RealmID.ValueString()
	}
	return m.RealmID.ValueString() + "/" + m.ClientID.ValueString()
}

// attached lists the client's scopes of this kind as name → id.
func (r *clientScopesResource) attached(ctx context.Context, m clientScopesModel) (map[string]string, error) {
	var scopes []keycloak.Rep
	if err := r.kc.Get(ctx, r.collection(m), &scopes); err != nil {
		return nil, err
	}
	out := make(map[string]string, len(scopes))
	for _, s := range scopes {
		out[s.String("name")] = s.String("id")
	}
	return out, nil
}

func (r *clientScopesResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	plan := r.get(ctx, req.Plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	r.reconcile(ctx, &plan, &resp.Diagnostics)
	if !resp.Diagnostics.HasError() {
		r.set(ctx, &resp.State, plan, &resp.Diagnostics)
	}
}

func (r *clientScopesResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	plan := r.get(ctx, req.Plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	r.reconcile(ctx, &plan, &resp.Diagnostics)
	if !resp.Diagnostics.HasError() {
		r.set(ctx, &resp.State, plan, &resp.Diagnostics)
	}
}

// reconcile makes the client's scopes of this kind exactly the planned ones.
func (r *clientScopesResource) reconcile(ctx context.Context, m *clientScopesModel, diags *diag.Diagnostics) {
	want := setStrings(ctx, m.Scopes, diags)
	if diags.HasError() {
		return
	}
	have, err := r.attached(ctx, *m)
	if err != nil {
		fail(diags, "read the scopes of", r.typeName(), err)
		return
	}
	for name, id := range have {
		if !slices.Contains(want, name) {
			if err := r.kc.Delete(ctx, r.collection(*m)+"/"+id, nil); err != nil {
				fail(diags, "detach scope "+name+" in", r.typeName(), err)
				return
			}
		}
	}
	var ids map[string]string
	for _, name := range want {
		if _, ok := have[name]; ok {
			continue
		}
		if ids == nil {
			if ids, err = r.kc.ClientScopeIDs(ctx, m.RealmID.ValueString()); err != nil {
				fail(diags, "list the client scopes for", r.typeName(), err)
				return
			}
		}
		id, ok := ids[name]
		if !ok {
			diags.AddAttributeError(path.Root(r.scopesAttr()), "Client scope not found",
				fmt.Sprintf("Realm %q has no client scope called %q.", m.RealmID.ValueString(), name))
			return
		}
		if err := r.kc.Put(ctx, r.collection(*m)+"/"+id, nil); err != nil {
			fail(diags, "attach scope "+name+" in", r.typeName(), err)
			return
		}
	}
	m.ID = types.StringValue(r.id(*m))
	if err := r.refresh(ctx, m); err != nil {
		fail(diags, "read", r.typeName(), err)
	}
}

func (r *clientScopesResource) refresh(ctx context.Context, m *clientScopesModel) error {
	have, err := r.attached(ctx, *m)
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

func (r *clientScopesResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state := r.get(ctx, req.State, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.refresh(ctx, &state); err != nil {
		if keycloak.IsNotFound(err) {
			resp.State.RemoveResource(ctx)
			return
		}
		fail(&resp.Diagnostics, "read", r.typeName(), err)
		return
	}
	r.set(ctx, &resp.State, state, &resp.Diagnostics)
}

// Delete detaches the scopes this resource attached.
func (r *clientScopesResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	state := r.get(ctx, req.State, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	have, err := r.attached(ctx, state)
	if err != nil {
		if !keycloak.IsNotFound(err) {
			fail(&resp.Diagnostics, "read", r.typeName(), err)
		}
		return
	}
	for _, name := range setStrings(ctx, state.Scopes, &resp.Diagnostics) {
		if id, ok := have[name]; ok {
			if err := r.kc.Delete(ctx, r.collection(state)+"/"+id, nil); err != nil && !keycloak.IsNotFound(err) {
				fail(&resp.Diagnostics, "detach scope "+name+" in", r.typeName(), err)
				return
			}
		}
	}
}

// ImportState takes {realm}/{client id}, or {realm} for the realm's scopes; upstream has no
// import for a client's scopes, this is an addition.
func (r *clientScopesResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	format, want := "{realm}/{client id in Keycloak}", 2
	if r.realmWide {
		format, want = "{realm}", 1
	}
	parts := splitID(req.ID, want, format, &resp.Diagnostics)
	if parts == nil {
		return
	}
	m := clientScopesModel{ID: types.StringValue(req.ID), RealmID: types.StringValue(parts[0]), Scopes: types.SetNull(types.StringType)}
	if !r.realmWide {
		m.ClientID = types.StringValue(parts[1])
	}
	r.set(ctx, &resp.State, m, &resp.Diagnostics)
}
