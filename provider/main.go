// Command terraform-provider-keycloak serves a Terraform/OpenTofu provider for Keycloak whose
// resources are a same-named subset of the keycloak/keycloak provider.
package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/keycloak-realm-as-code/terraform-provider-keycloak/internal/provider"
)

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run with support for debuggers such as delve")
	flag.Parse()

	err := providerserver.Serve(context.Background(), provider.New, providerserver.ServeOpts{
		Address: "registry.terraform.io/keycloak-realm-as-code/keycloak",
		Debug:   debug,
	})
	if err != nil {
		log.Fatal(err)
	}
}
