package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rampart-audit/rampart/internal/authoring"
	"github.com/rampart-audit/rampart/internal/verdict"
)

func newNewCommand(p Params) *cobra.Command {
	root := &cobra.Command{
		Use:   "new",
		Short: "Scaffold new authoring artefacts (controls)",
		Args:  cobra.NoArgs,
	}
	root.AddCommand(newNewControlCommand(p))
	return root
}

func newNewControlCommand(p Params) *cobra.Command {
	var spec authoring.ControlSpec
	var frameworks, equivalents []string
	cmd := &cobra.Command{
		Use:   "control --id ID --type RESOURCE_TYPE",
		Short: "Scaffold a control and its test with METADATA filled in, ready for lint and test",
		Long: `Scaffold a control and its _test.rego: METADATA filled in, a deny rule and an
unknown rule around one boolean attribute of the resource type, and a
passing, a failing and a missing-data test. The files pass rampart lint and
rampart test as generated; edit the rule, the title and the frameworks, then
list the ID in a mitigation or policy statement of your workspace.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if spec.ID == "" || spec.ResourceType == "" {
				return usageError("--id and --type are required")
			}
			spec.Frameworks = map[string][]string{}
			for _, f := range frameworks {
				key, ref, ok := strings.Cut(f, "=")
				if !ok || key == "" || ref == "" {
					return usageError("--framework %q: want KEY=REFERENCE, e.g. iso27001-2022=A.8.24", f)
				}
				spec.Frameworks[key] = append(spec.Frameworks[key], ref)
			}
			spec.Equivalents = map[string][]string{}
			for _, e := range equivalents {
				key, id, ok := strings.Cut(e, "=")
				if !ok || key == "" || id == "" {
					return usageError("--equivalent %q: want ANCHOR=CHECK_ID, e.g. prowler=s3_bucket_kms_encryption", e)
				}
				spec.Equivalents[key] = append(spec.Equivalents[key], id)
			}
			s, err := authoring.NewControl(spec)
			if err != nil {
				return usageError("%v", err)
			}
			if err := s.Write(); err != nil {
				return exitWith(verdict.ExitInput, err)
			}
			fmt.Fprintf(p.Stdout, "created %s\ncreated %s\n", s.ControlPath, s.TestPath)
			fmt.Fprintf(p.Stdout, "next: edit the rules, then list %q in a mitigation's controls (or a policy statement) of your workspace HCL and run rampart test\n", spec.ID)
			return nil
		},
	}
	cmd.Flags().StringVar(&spec.ID, "id", "", "control ID, PLATFORM-SERVICE-NNN (required)")
	cmd.Flags().StringVar(&spec.ResourceType, "type", "", "resource type the control applies to, from docs/resources.md (required)")
	cmd.Flags().StringVar(&spec.Dir, "dir", "", "folder to write into (default controls/<platform>/<service>)")
	cmd.Flags().StringVar(&spec.Name, "name", "", "file stem and last package segment (default: the ID in snake case)")
	cmd.Flags().StringVar(&spec.Title, "title", "", "METADATA title")
	cmd.Flags().StringVar(&spec.Severity, "severity", "medium", "critical, high, medium, low or info")
	cmd.Flags().StringVar(&spec.Attribute, "attribute", "", "boolean attribute the rules start from (default: the type's first boolean attribute)")
	cmd.Flags().StringArrayVar(&frameworks, "framework", nil, "framework reference KEY=REF, repeatable (default iso27001-2022=A.8.9)")
	cmd.Flags().StringArrayVar(&equivalents, "equivalent", nil, "another tool's check this control answers in full, ANCHOR=CHECK_ID (prowler, trivy, legitify, scorecard, cis-ssc), repeatable (default: none, equivalents: {})")
	return cmd
}
