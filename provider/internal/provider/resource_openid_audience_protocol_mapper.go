package provider

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/keycloak-realm-as-code/terraform-provider-keycloak/internal/keycloak"
)

const audienceMapperType = "keycloak_openid_audience_protocol_mapper"

func newOpenidAudienceProtocolMapperResource() resource.Resource {
	return &openidAudienceProtocolMapperResource{}
}

type openidAudienceProtocolMapperResource struct{ base }

type audienceMapperModel struct {
	ID                      types.String `tfsdk:"id"`
	RealmID                 types.String `tfsdk:"realm_id"`
	ClientID                types.String `tfsdk:"client_id"`
	ClientScopeID           types.String `tfsdk:"client_scope_id"`
	Name                    types.String `tfsdk:"name"`
	IncludedClientAudience  types.String `tfsdk:"included_client_audience"`
	IncludedCustomAudience  types.String `tfsdk:"included_custom_audience"`
	AddToIDToken            types.Bool   `tfsdk:"add_to_id_token"`
	AddToAccessToken        types.Bool   `tfsdk:"add_to_access_token"`
	AddToTokenIntrospection types.Bool   `tfsdk:"add_to_token_introspection"`
}

// Config keys of Keycloak's oidc-audience-mapper.
var audienceMapperFlags = []struct {
	key string
	get func(*audienceMapperModel) *types.Bool
}{
	{"id.token.claim", func(m *audienceMapperModel) *types.Bool { return &m.AddToIDToken }},
	{"access.token.claim", func(m *audienceMapperModel) *types.Bool { return &m.AddToAccessToken }},
	{"introspection.token.claim", func(m *audienceMapperModel) *types.Bool { return &m.AddToTokenIntrospection }},
}

func (r *openidAudienceProtocolMapperResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_openid_audience_protocol_mapper"
}

func (r *openidAudienceProtocolMapperResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	trueByDefault := func(desc string) schema.BoolAttribute {
		return schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(true), Description: desc}
	}
	resp.Schema = schema.Schema{
		Description: "A protocol mapper that adds an audience to the aud claim of tokens.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, Description: "Keycloak's id of the mapper.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"realm_id":        schema.StringAttribute{Required: true, Description: "The realm.", PlanModifiers: replace},
			"client_id":       schema.StringAttribute{Optional: true, Description: "Internal id of the client the mapper belongs to; conflicts with client_scope_id.", PlanModifiers: replace},
			"client_scope_id": schema.StringAttribute{Optional: true, Description: "Id of the client scope the mapper belongs to; conflicts with client_id.", PlanModifiers: replace},
			// Updated in place, as upstream. Keycloak keeps a mapper's name when it updates one: Update
			// says so rather than recording a name Keycloak does not have.
			"name": schema.StringAttribute{Required: true, Description: "The mapper's name."},
			"included_client_audience": schema.StringAttribute{
				Optional: true, Description: "A client id to add to aud; conflicts with included_custom_audience.",
			},
			"included_custom_audience": schema.StringAttribute{
				Optional: true, Description: "A custom audience to add to aud; conflicts with included_client_audience.",
			},
			"add_to_id_token":            trueByDefault("Whether the audience is added to ID tokens."),
			"add_to_access_token":        trueByDefault("Whether the audience is added to access tokens."),
			"add_to_token_introspection": trueByDefault("Whether the audience is added to token introspection responses."),
		},
	}
}

func (r *openidAudienceProtocolMapperResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var c audienceMapperModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &c)...)
	if resp.Diagnostics.HasError() {
		return
	}
	exactlyOne(&resp.Diagnostics, "client_id", c.ClientID, "client_scope_id", c.ClientScopeID)
	exactlyOne(&resp.Diagnostics, "included_client_audience", c.IncludedClientAudience, "included_custom_audience", c.IncludedCustomAudience)
}

func (r *openidAudienceProtocolMapperResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan audienceMapperModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Like upstream, refuse an audience naming a client that does not exist: Keycloak accepts it.
	if aud := plan.IncludedClientAudience.ValueString(); aud != "" {
		if _, err := r.kc.FindClient(ctx, plan.RealmID.ValueString(), aud); err != nil {
			fail(&resp.Diagnostics, "find the included_client_audience of", audienceMapperType, err)
			return
		}
	}
	rep := keycloak.Rep{"protocol": "openid-connect", "protocolMapper": "oidc-audience-mapper"}
	applyAudienceMapper(rep, &plan)
	id, err := r.kc.Create(ctx, mappersPath(&plan), rep)
	if err != nil {
		fail(&resp.Diagnostics, "create", audienceMapperType, err)
		return
	}
	plan.ID = types.StringValue(id)
	if err := r.refresh(ctx, &plan); err != nil {
		fail(&resp.Diagnostics, "read the new", audienceMapperType, err)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *openidAudienceProtocolMapperResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state audienceMapperModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.refresh(ctx, &state); err != nil {
		if keycloak.IsNotFound(err) {
			resp.State.RemoveResource(ctx)
			return
		}
		fail(&resp.Diagnostics, "read", audienceMapperType, err)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *openidAudienceProtocolMapperResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan audienceMapperModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	mapperPath := mappersPath(&plan) + "/" + url.PathEscape(plan.ID.ValueString())
	var rep keycloak.Rep
	if err := r.kc.Get(ctx, mapperPath, &rep); err != nil {
		fail(&resp.Diagnostics, "read", audienceMapperType, err)
		return
	}
	applyAudienceMapper(rep, &plan)
	if err := r.kc.Put(ctx, mapperPath, rep); err != nil {
		fail(&resp.Diagnostics, "update", audienceMapperType, err)
		return
	}
	wantName := plan.Name
	if err := r.refresh(ctx, &plan); err != nil {
		fail(&resp.Diagnostics, "read the updated", audienceMapperType, err)
		return
	}
	if !plan.Name.Equal(wantName) {
		resp.Diagnostics.AddAttributeError(path.Root("name"), "Keycloak kept the mapper's name",
			fmt.Sprintf("Keycloak does not rename a protocol mapper on update; it is still %s. Replace it to rename it: apply with -replace on its address.", plan.Name))
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *openidAudienceProtocolMapperResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state audienceMapperModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	err := r.kc.Delete(ctx, mappersPath(&state)+"/"+url.PathEscape(state.ID.ValueString()), nil)
	if err != nil && !keycloak.IsNotFound(err) {
		fail(&resp.Diagnostics, "delete", audienceMapperType, err)
	}
}

// ImportState takes upstream's formats: {realm}/client/{client id}/{mapper id},
// {realm}/client-scope/{scope id}/{mapper id}, and either with name/{url-encoded name}
// in place of the mapper id.
func (r *openidAudienceProtocolMapperResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	const format = "{realm}/client/{client id}/{mapper id}, {realm}/client-scope/{scope id}/{mapper id}, or either with name/{url-encoded mapper name} as its end"
	parts := strings.Split(req.ID, "/")
	if len(parts) != 4 && (len(parts) != 5 || parts[3] != "name") {
		resp.Diagnostics.AddError("Invalid import id", fmt.Sprintf("%q does not have the format %s.", req.ID, format))
		return
	}
	m := audienceMapperModel{RealmID: types.StringValue(parts[0]), ClientID: types.StringNull(), ClientScopeID: types.StringNull()}
	switch parts[1] {
	case "client":
		m.ClientID = types.StringValue(parts[2])
	case "client-scope":
		m.ClientScopeID = types.StringValue(parts[2])
	default:
		resp.Diagnostics.AddError("Invalid import id", fmt.Sprintf("%q does not have the format %s.", req.ID, format))
		return
	}
	id := parts[3]
	if len(parts) == 5 {
		name, err := url.PathUnescape(parts[4])
		if err != nil {
			resp.Diagnostics.AddError("Invalid import id", fmt.Sprintf("the mapper name in %q is not URL-encoded correctly: %s", req.ID, err))
			return
		}
		var mappers []keycloak.Rep
		if err := r.kc.Get(ctx, mappersPath(&m), &mappers); err != nil {
			fail(&resp.Diagnostics, "list the mappers to import as", audienceMapperType, err)
			return
		}
		id = ""
		for _, mapper := range mappers {
			if mapper.String("name") == name {
				id = mapper.String("id")
			}
		}
		if id == "" {
			resp.Diagnostics.AddError("Protocol mapper not found", fmt.Sprintf("No protocol mapper is called %q there.", name))
			return
		}
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("realm_id"), m.RealmID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("client_id"), m.ClientID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("client_scope_id"), m.ClientScopeID)...)
}

// mappersPath is the collection of protocol mappers of the mapper's client or client scope.
func mappersPath(m *audienceMapperModel) string {
	realm := m.RealmID.ValueString()
	if !m.ClientID.IsNull() {
		return keycloak.Path(realm, "clients", m.ClientID.ValueString(), "protocol-mappers", "models")
	}
	return keycloak.Path(realm, "client-scopes", m.ClientScopeID.ValueString(), "protocol-mappers", "models")
}

func applyAudienceMapper(rep keycloak.Rep, m *audienceMapperModel) {
	rep["name"] = m.Name.ValueString()
	config := rep.Map("config")
	config["included.client.audience"] = m.IncludedClientAudience.ValueString()
	config["included.custom.audience"] = m.IncludedCustomAudience.ValueString()
	for _, f := range audienceMapperFlags {
		config[f.key] = strconv.FormatBool(f.get(m).ValueBool())
	}
}

func (r *openidAudienceProtocolMapperResource) refresh(ctx context.Context, m *audienceMapperModel) error {
	var rep keycloak.Rep
	if err := r.kc.Get(ctx, mappersPath(m)+"/"+url.PathEscape(m.ID.ValueString()), &rep); err != nil {
		return err
	}
	m.Name = types.StringValue(rep.String("name"))
	clientAudience, _ := rep.Attr("config", "included.client.audience")
	customAudience, _ := rep.Attr("config", "included.custom.audience")
	m.IncludedClientAudience = optionalString(clientAudience)
	m.IncludedCustomAudience = optionalString(customAudience)
	for _, f := range audienceMapperFlags {
		*f.get(m) = types.BoolValue(rep.AttrBool("config", f.key, false))
	}
	return nil
}
