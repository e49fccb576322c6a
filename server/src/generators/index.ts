// Every platform pexnet exports to, in the order pickers and `--list-platforms` show them.
import type { Generator } from "./generator";
import { nftablesGenerator } from "./nftables";
import { iptablesGenerator } from "./iptables";
import { awsTerraformGenerator } from "./aws-terraform";
import { awsCloudFormationGenerator } from "./aws-cloudformation";
import { azureTerraformGenerator } from "./azure-terraform";
import { gcpTerraformGenerator } from "./gcp-terraform";
import { gcpGcloudGenerator } from "./gcp-gcloud";
import { ciscoAsaGenerator } from "./cisco-asa";
import { juniperSrxGenerator } from "./juniper-srx";
import { fortigateGenerator } from "./fortigate";
import { pfGenerator } from "./pf";
import { windowsFirewallGenerator } from "./windows-firewall";
import { capircaGenerator } from "./capirca";
import { csvGenerator, markdownGenerator } from "./change-request";

export const GENERATORS: readonly Generator[] = [nftablesGenerator, iptablesGenerator, awsTerraformGenerator, awsCloudFormationGenerator, azureTerraformGenerator, gcpTerraformGenerator, gcpGcloudGenerator, ciscoAsaGenerator, juniperSrxGenerator, fortigateGenerator, pfGenerator, windowsFirewallGenerator, capircaGenerator, csvGenerator, markdownGenerator];

export function generatorById(id: string): Generator | undefined {
  return GENERATORS.find((g) => g.id === id);
}
