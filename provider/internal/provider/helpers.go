package provider

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// fail reports a failed Keycloak call on a resource type.
func fail(diags *diag.Diagnostics, action, typeName string, err error) {
	diags.AddError(fmt.Sprintf("Could not %s %s", action, typeName), err.Error())
}

func stringSet(items []string) types.Set {
	elems := make([]attr.Value, len(items))
	for i, s := range items {
		elems[i] = types.StringValue(s)
	}
	return types.SetValueMust(types.StringType, elems)
}

func setStrings(ctx context.Context, s types.Set, diags *diag.Diagnostics) []string {
	out := []string{}
	if s.IsNull() || s.IsUnknown() {
		return out
	}
	diags.Append(s.ElementsAs(ctx, &out, false)...)
	return out
}

func stringMap(ctx context.Context, m types.Map, diags *diag.Diagnostics) map[string]string {
	out := map[string]string{}
	if m.IsNull() || m.IsUnknown() {
		return out
	}
	diags.Append(m.ElementsAs(ctx, &out, false)...)
	return out
}

// optionalString is null for "", for attributes that are optional but not computed.
func optionalString(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// Durations are Go duration strings like upstream's ("5m0s") and seconds in Keycloak.

func durationSeconds(s string) (int64, error) {
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, err
	}
	return int64(d / time.Second), nil
}

// durationValue keeps the previous spelling ("5m") when it means the same number of
// seconds, so that Keycloak's answer does not show as a change.
func durationValue(prior types.String, seconds int64) types.String {
	if !prior.IsNull() && !prior.IsUnknown() {
		if s, err := durationSeconds(prior.ValueString()); err == nil && s == seconds {
			return prior
		}
	}
	return types.StringValue((time.Duration(seconds) * time.Second).String())
}

// equivalentDuration plans no change when the configured duration equals the stored one
// in another spelling (e.g. "1h" for "1h0m0s" after an import).
type equivalentDuration struct{ described }

func (equivalentDuration) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.StateValue.IsNull() || req.PlanValue.IsNull() || req.PlanValue.IsUnknown() {
		return
	}
	planned, err1 := durationSeconds(req.PlanValue.ValueString())
	stored, err2 := durationSeconds(req.StateValue.ValueString())
	if err1 == nil && err2 == nil && planned == stored {
		resp.PlanValue = req.StateValue
	}
}

type durationValidator struct{ described }

func (v durationValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := time.ParseDuration(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid duration", fmt.Sprintf("%q %s.", req.ConfigValue.ValueString(), v.Description(ctx)))
	}
}

// described gives a validator or plan modifier its description, as text and as Markdown.
type described string

func (d described) Description(context.Context) string         { return string(d) }
func (d described) MarkdownDescription(context.Context) string { return string(d) }

type oneOf []string

func (o oneOf) Description(context.Context) string {
	return fmt.Sprintf("must be one of %q", []string(o))
}
func (o oneOf) MarkdownDescription(ctx context.Context) string { return o.Description(ctx) }
func (o oneOf) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || slices.Contains(o, req.ConfigValue.ValueString()) {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid value", fmt.Sprintf("%q %s.", req.ConfigValue.ValueString(), o.Description(ctx)))
}

func stringValues(m map[string]string) map[string]attr.Value {
	out := make(map[string]attr.Value, len(m))
	for k, v := range m {
		out[k] = types.StringValue(v)
	}
	return out
}

// exactlyOne reports unless exactly one of two optional attributes is set; an unknown
// value counts as set.
func exactlyOne(diags *diag.Diagnostics, nameA string, a types.String, nameB string, b types.String) {
	switch {
	case !a.IsNull() && !b.IsNull():
		diags.AddAttributeError(path.Root(nameB), "Conflicting arguments", fmt.Sprintf("%s and %s cannot both be set.", nameA, nameB))
	case a.IsNull() && b.IsNull():
		diags.AddError("Missing argument", fmt.Sprintf("Exactly one of %s or %s must be set.", nameA, nameB))
	}
}
