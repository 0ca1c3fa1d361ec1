package provider

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/keycloak-realm-as-code/terraform-provider-keycloak/internal/keycloak"
)

// resourceType is what a resource file declares: the type's name and schema, and its mapping to
// Keycloak as operations on its model M. keycloakResource serves it to the framework.
type resourceType[M any] struct {
	name   string // e.g. keycloak_role
	schema schema.Schema
	// create makes plan's object in Keycloak and fills in what Keycloak chose (its id, defaults).
	create func(ctx context.Context, kc *keycloak.Client, plan *M, diags *diag.Diagnostics) error
	// read refreshes m from Keycloak; a 404 or errGone means the object is gone.
	read func(ctx context.Context, kc *keycloak.Client, m *M) error
	// update writes plan over prior's object; nil when every attribute requires replacement.
	update func(ctx context.Context, kc *keycloak.Client, plan, prior *M, diags *diag.Diagnostics) error
	// delete removes m's object; a 404 means it is gone already.
	delete func(ctx context.Context, kc *keycloak.Client, m *M) error
	// validate checks a configuration beyond what the schema says; nil: nothing more.
	validate func(m *M, diags *diag.Diagnostics)
	// importID gives the attributes an import id names; nil: no import, as upstream's.
	importID func(ctx context.Context, kc *keycloak.Client, id string) (map[string]any, error)
	// load and store move M from and to the engine's values; nil: by M's tfsdk tags.
	load  func(ctx context.Context, from modelSource, m *M) diag.Diagnostics
	store func(ctx context.Context, to *tfsdk.State, m *M) diag.Diagnostics
}

// modelSource is a configuration, plan or state to read a model from.
type modelSource interface {
	Get(ctx context.Context, target any) diag.Diagnostics
	GetAttribute(ctx context.Context, p path.Path, target any) diag.Diagnostics
}

// errGone is a read's answer for an object that Keycloak no longer holds although the request for
// it succeeded, e.g. an entry missing from a list.
var errGone = errors.New("not in Keycloak")

// stepError names the step of an operation that failed, when it is not the operation itself:
// "Could not read the new keycloak_role".
type stepError struct {
	action string
	err    error
}

func (e *stepError) Error() string { return e.err.Error() }
func (e *stepError) Unwrap() error { return e.err }

// step is err as the failure of action, or nil; an error that names its step already keeps it.
func step(action string, err error) error {
	var named *stepError
	if err == nil || errors.As(err, &named) {
		return err
	}
	return &stepError{action: action, err: err}
}

// diagError is an error reported as a diagnostic of its own summary.
type diagError struct{ summary, detail string }

func (e *diagError) Error() string { return e.summary + ": " + e.detail }

func invalidImportID(id, format string) error {
	return &diagError{"Invalid import id", fmt.Sprintf("%q does not have the format %s.", id, format)}
}

// splitID splits an import id into want parts separated by "/".
func splitID(id string, want int, format string) ([]string, error) {
	parts := strings.Split(id, "/")
	if len(parts) != want || slices.Contains(parts, "") {
		return nil, invalidImportID(id, format)
	}
	return parts, nil
}

// idParts imports an id of the form format, e.g. "{realm}/{role id}": its parts, in order, are the
// values of attributes; the id attribute, unless among them, is the whole import id.
func idParts(format string, attributes ...string) func(context.Context, *keycloak.Client, string) (map[string]any, error) {
	return func(_ context.Context, _ *keycloak.Client, id string) (map[string]any, error) {
		parts, err := splitID(id, len(attributes), format)
		if err != nil {
			return nil, err
		}
		values := map[string]any{"id": id}
		for i, attribute := range attributes {
			values[attribute] = parts[i]
		}
		return values, nil
	}
}

// newResource serves t, importable when it has importID.
func newResource[M any](t resourceType[M]) resource.Resource {
	r := &keycloakResource[M]{t: t}
	if t.importID != nil {
		return &importableResource[M]{r}
	}
	return r
}

type keycloakResource[M any] struct {
	kc *keycloak.Client // from the provider's Configure
	t  resourceType[M]
}

type importableResource[M any] struct{ *keycloakResource[M] }

func (r *keycloakResource[M]) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if req.ProviderData == nil { // the provider is not configured yet, e.g. during validation
		return
	}
	kc, ok := req.ProviderData.(*keycloak.Client)
	if !ok {
		resp.Diagnostics.AddError("Unexpected provider data", fmt.Sprintf("expected *keycloak.Client, got %T", req.ProviderData))
		return
	}
	r.kc = kc
}

func (r *keycloakResource[M]) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = r.t.name
}

func (r *keycloakResource[M]) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = r.t.schema
}

func (r *keycloakResource[M]) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var config M
	if r.t.validate != nil && r.loaded(ctx, req.Config, &config, &resp.Diagnostics) {
		r.t.validate(&config, &resp.Diagnostics)
	}
}

func (r *keycloakResource[M]) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan M
	if r.loaded(ctx, req.Plan, &plan, &resp.Diagnostics) {
		r.report(&resp.Diagnostics, "create", r.t.create(ctx, r.kc, &plan, &resp.Diagnostics))
		r.stored(ctx, &resp.State, &plan, &resp.Diagnostics)
	}
}

func (r *keycloakResource[M]) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state M
	if !r.loaded(ctx, req.State, &state, &resp.Diagnostics) {
		return
	}
	if err := r.t.read(ctx, r.kc, &state); err != nil {
		if keycloak.IsNotFound(err) || errors.Is(err, errGone) {
			resp.State.RemoveResource(ctx) // deleted outside the engine: planned again
			return
		}
		r.report(&resp.Diagnostics, "read", err)
		return
	}
	r.stored(ctx, &resp.State, &state, &resp.Diagnostics)
}

func (r *keycloakResource[M]) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	if r.t.update == nil {
		resp.State.Raw = req.Plan.Raw
		return
	}
	var plan, prior M
	if r.loaded(ctx, req.Plan, &plan, &resp.Diagnostics) && r.loaded(ctx, req.State, &prior, &resp.Diagnostics) {
		r.report(&resp.Diagnostics, "update", r.t.update(ctx, r.kc, &plan, &prior, &resp.Diagnostics))
		r.stored(ctx, &resp.State, &plan, &resp.Diagnostics)
	}
}

func (r *keycloakResource[M]) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state M
	if !r.loaded(ctx, req.State, &state, &resp.Diagnostics) {
		return
	}
	if err := r.t.delete(ctx, r.kc, &state); !keycloak.IsNotFound(err) {
		r.report(&resp.Diagnostics, "delete", err)
	}
}

func (r *importableResource[M]) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	attributes, err := r.t.importID(ctx, r.kc, req.ID)
	if err != nil {
		r.report(&resp.Diagnostics, "import", err)
		return
	}
	for name, value := range attributes {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(name), value)...)
	}
}

func (r *keycloakResource[M]) loaded(ctx context.Context, from modelSource, m *M, diags *diag.Diagnostics) bool {
	if r.t.load != nil {
		diags.Append(r.t.load(ctx, from, m)...)
	} else {
		diags.Append(from.Get(ctx, m)...)
	}
	return !diags.HasError()
}

// stored sets the state to m unless the operation failed.
func (r *keycloakResource[M]) stored(ctx context.Context, to *tfsdk.State, m *M, diags *diag.Diagnostics) {
	switch {
	case diags.HasError():
	case r.t.store != nil:
		diags.Append(r.t.store(ctx, to, m)...)
	default:
		diags.Append(to.Set(ctx, m)...)
	}
}

// report adds err, if any, as "Could not <action> <type>", or its step's action.
func (r *keycloakResource[M]) report(diags *diag.Diagnostics, action string, err error) {
	var d *diagError
	var s *stepError
	switch {
	case err == nil:
	case errors.As(err, &d):
		diags.AddError(d.summary, d.detail)
	case errors.As(err, &s):
		fail(diags, s.action, r.t.name, s.err)
	default:
		fail(diags, action, r.t.name, err)
	}
}

// updateWith reads the object at path, applies the plan to it and puts it back, so that settings
// the resource does not manage stay as they are; then reads it back with readBack. A plan that
// apply finds wrong (diags) is not put.
func updateWith(ctx context.Context, kc *keycloak.Client, path string, diags *diag.Diagnostics, apply func(keycloak.Rep), readBack func() error) error {
	var rep keycloak.Rep
	if err := kc.Get(ctx, path, &rep); err != nil {
		return step("read", err)
	}
	if apply(rep); diags.HasError() {
		return nil
	}
	if err := kc.Put(ctx, path, rep); err != nil {
		return err
	}
	return step("read the updated", readBack())
}

// grant adds role to the role mappings or scope mappings at path. A grant POSTed again after a
// lost answer and refused is taken as made when the mappings there now hold the role.
func grant(ctx context.Context, kc *keycloak.Client, path string, role keycloak.Rep) error {
	if _, err := kc.Post(ctx, path, []keycloak.Rep{role}); err != nil && !kc.MadeByEarlierAttempt(ctx, err, path, role.String("id")) {
		return err
	}
	return nil
}

// mapped is the first of the roles mapped at path that is, or errGone: unmapped outside the engine.
func mapped(ctx context.Context, kc *keycloak.Client, path string, is func(role keycloak.Rep) bool) (keycloak.Rep, error) {
	var roles []keycloak.Rep
	if err := kc.Get(ctx, path, &roles); err != nil {
		return nil, err
	}
	for _, role := range roles {
		if is(role) {
			return role, nil
		}
	}
	return nil, errGone
}
