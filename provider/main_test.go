package main

import "testing"

func TestLogsAskedIsFalseWithoutLogLevels(t *testing.T) {
	if logsAsked([]string{"PATH=/usr/bin", "TF_LOG=", "CHECKPOINT_DISABLE=1", "TF_LOGGER=x"}) {
		t.Fatal("an environment without a TF_LOG level asked for logs")
	}
}

func TestLogsAskedIsTrueForAnyLogLevel(t *testing.T) {
	for _, variable := range []string{"TF_LOG=DEBUG", "TF_LOG_PROVIDER=TRACE", "TF_LOG_SDK=INFO", "TF_LOG_SDK_PROTO=TRACE"} {
		if !logsAsked([]string{"PATH=/usr/bin", variable}) {
			t.Errorf("%s did not count as asking for logs", variable)
		}
	}
}
