package aws

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	lambdatypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"
	"golang.org/x/sync/errgroup"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/redact"
)

// lambdaFunctions lists the region's Lambda functions, then reads each
// one's resource policy and function URLs with the region's fan-out limit.
func (r *run) lambdaFunctions(ctx context.Context, cfg sdkaws.Config, sc evidence.Scope) error {
	c := lambda.NewFromConfig(cfg)
	var fns []lambdatypes.FunctionConfiguration
	err := listAll(ctx, lambda.NewListFunctionsPaginator(c, &lambda.ListFunctionsInput{}), func(page *lambda.ListFunctionsOutput) (*string, error) {
		fns = append(fns, page.Functions...)
		return page.NextMarker, nil
	})
	if err != nil {
		r.gap(ctx, TypeLambdaFunction, sc, "lambda:ListFunctions", err)
		return nil
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(r.opts.Concurrency)
	for _, fn := range fns {
		g.Go(func() error {
			res := r.lambdaFunction(gctx, c, sc, fn)
			if gctx.Err() == nil {
				r.add(res)
			}
			return nil
		})
	}
	return g.Wait()
}

func (r *run) lambdaFunction(ctx context.Context, c *lambda.Client, sc evidence.Scope, fn lambdatypes.FunctionConfiguration) evidence.Resource {
	name := sdkaws.ToString(fn.FunctionName)
	arn := sdkaws.ToString(fn.FunctionArn)
	if arn == "" {
		arn = "arn:" + partition(sc.Region) + ":lambda:" + sc.Region + ":" + sc.AccountID + ":function:" + name
	}
	attrs := map[string]any{
		"function_name":          name,
		"arn":                    arn,
		"package_type":           string(fn.PackageType),
		"kms_key_arn":            sdkaws.ToString(fn.KMSKeyArn),
		"dead_letter_configured": fn.DeadLetterConfig != nil && sdkaws.ToString(fn.DeadLetterConfig.TargetArn) != "",
	}
	unknown := map[string]string{}
	if fn.PackageType == "" {
		// ListFunctions leaves PackageType out for Zip functions created
		// before container images existed; a runtime says it is one.
		attrs["package_type"] = string(lambdatypes.PackageTypeZip)
	}
	if fn.Runtime != "" {
		attrs["runtime"] = string(fn.Runtime)
	} else if fn.PackageType != lambdatypes.PackageTypeImage {
		// A Zip function always has a runtime: without one the answer is broken.
		unknown["runtime"] = r.unknownReason(sc, "runtime of "+name, "lambda:ListFunctions", errMissing("Runtime"))
	}
	if fn.TracingConfig != nil && fn.TracingConfig.Mode != "" {
		attrs["tracing_mode"] = string(fn.TracingConfig.Mode)
	} else {
		unknown["tracing_mode"] = r.unknownReason(sc, "tracing of "+name, "lambda:ListFunctions", errMissing("TracingConfig"))
	}
	subnets := []string{}
	if fn.VpcConfig != nil {
		subnets = append(subnets, fn.VpcConfig.SubnetIds...)
	}
	sort.Strings(subnets)
	attrs["vpc_subnet_ids"] = subnets
	attrs["in_vpc"] = len(subnets) > 0
	layers := []string{}
	for _, l := range fn.Layers {
		layers = append(layers, sdkaws.ToString(l.Arn))
	}
	attrs["layers"] = layers
	lambdaEnvironment(fn.Environment, attrs, unknown)

	pol, err := c.GetPolicy(ctx, &lambda.GetPolicyInput{FunctionName: fn.FunctionName})
	switch {
	case hasCode(err, "ResourceNotFoundException"):
		// Lambda's answer for a function without a resource policy.
		attrs["policy"] = map[string]any{"present": false}
	case err != nil:
		unknown["policy"] = r.unknownReason(sc, "policy of "+name, "lambda:GetPolicy", err)
	case sdkaws.ToString(pol.Policy) == "":
		unknown["policy"] = r.unknownReason(sc, "policy of "+name, "lambda:GetPolicy", errMissing("Policy"))
	default:
		var doc map[string]any
		if err := json.Unmarshal([]byte(*pol.Policy), &doc); err != nil {
			unknown["policy"] = fmt.Sprintf("the resource policy is not a JSON object: %v", err)
		} else {
			attrs["policy"] = map[string]any{"present": true, "document": doc}
		}
	}

	urls, err := r.functionURLs(ctx, c, fn.FunctionName)
	if err != nil {
		unknown["function_urls"] = r.unknownReason(sc, "function URLs of "+name, "lambda:ListFunctionUrlConfigs", err)
	} else {
		attrs["function_urls"] = urls
	}
	return evidence.Resource{Type: TypeLambdaFunction, ID: arn, Scope: sc, Attributes: attrs, Unknown: unknown}
}

// lambdaEnvironment records the variables' names and which of them look
// like secrets; the values go no further than this function.
func lambdaEnvironment(env *lambdatypes.EnvironmentResponse, attrs map[string]any, unknown map[string]string) {
	if env == nil {
		attrs["environment_variables"] = []string{}
		attrs["environment_secret_like"] = []any{}
		return
	}
	if env.Error != nil {
		// Lambda could not decrypt the variables for the caller (a customer
		// key the auditor may not use, a disabled key). Neither names nor
		// values are known; nothing is hidden from the listing, so the
		// snapshot stays complete and the attribute says why.
		reason := fmt.Sprintf("Lambda could not decrypt the environment variables: %s: %s", sdkaws.ToString(env.Error.ErrorCode), sdkaws.ToString(env.Error.Message))
		unknown["environment_variables"] = reason
		unknown["environment_secret_like"] = reason
		return
	}
	names, secretLike := redact.Environment(env.Variables)
	attrs["environment_variables"] = names
	attrs["environment_secret_like"] = secretLike
}

// functionURLs lists a function's URLs (one per alias at most).
func (r *run) functionURLs(ctx context.Context, c *lambda.Client, fn *string) ([]any, error) {
	out := []any{}
	err := listAll(ctx, lambda.NewListFunctionUrlConfigsPaginator(c, &lambda.ListFunctionUrlConfigsInput{FunctionName: fn}), func(page *lambda.ListFunctionUrlConfigsOutput) (*string, error) {
		for _, u := range page.FunctionUrlConfigs {
			if u.AuthType == "" {
				return nil, errMissing("AuthType")
			}
			origins := []string{}
			if u.Cors != nil {
				origins = append(origins, u.Cors.AllowOrigins...)
			}
			out = append(out, map[string]any{
				"qualifier":          urlQualifier(sdkaws.ToString(u.FunctionArn)),
				"auth_type":          string(u.AuthType),
				"cors_allow_origins": origins,
			})
		}
		return page.NextMarker, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// urlQualifier is the alias of a function URL's ARN
// (arn:aws:lambda:r:a:function:name:alias), "" for the unqualified function.
func urlQualifier(arn string) string {
	n := 0
	for i := range len(arn) {
		if arn[i] == ':' {
			n++
			if n == 7 {
				return arn[i+1:]
			}
		}
	}
	return ""
}
