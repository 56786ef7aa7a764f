// `carve spaces`: the built-in super-networks with their genes and exact numbers of distinct sub-networks.

import type { Command } from 'commander';
import { getSupernet, listSupernets } from '../../supernets/index.js';
import type { CliOutput } from '../output.js';

interface SpaceSummary {
  readonly id: string;
  readonly title: string;
  readonly family: string;
  readonly genes: number;
  readonly defaultResolution: number;
  /** Distinct sub-networks at the default resolution (canonical genomes). */
  readonly subnetworks: string;
  readonly resolutions: number;
  readonly subnetworksWithResolution: string;
  readonly description: string;
}

export function summarizeSpaces(): SpaceSummary[] {
  return listSupernets().map((entry) => {
    const fixed = getSupernet(entry.id);
    const elastic = getSupernet(entry.id, { resolution: 'elastic' });
    return {
      id: entry.id,
      title: entry.title,
      family: entry.family,
      genes: fixed.space.geneCount,
      defaultResolution: fixed.defaultResolution,
      subnetworks: fixed.space.cardinality().toString(),
      resolutions: elastic.resolutions.length,
      subnetworksWithResolution: elastic.space.cardinality().toString(),
      description: entry.description,
    };
  });
}

function scientific(count: string): string {
  return count.length <= 6 ? count : Number(count).toExponential(2).replace('e+', 'e');
}

export function registerSpaces(program: Command, output: CliOutput): void {
  program
    .command('spaces')
    .description('list the built-in super-networks and their exact numbers of distinct sub-networks')
    .option('--json', 'print JSON (exact counts as strings)')
    .action((flags: { json?: boolean }) => {
      const spaces = summarizeSpaces();
      if (flags.json === true) {
        output.out(JSON.stringify(spaces, null, 2));
        return;
      }
      for (const space of spaces) {
        output.out(`${space.id.padEnd(20)} ${space.title}`);
        output.out(`    ${space.genes} genes; ${space.subnetworks} sub-networks (${scientific(space.subnetworks)}) at ${space.defaultResolution}px`);
        output.out(`    with resolution elastic (${space.resolutions} sizes): ${space.subnetworksWithResolution} (${scientific(space.subnetworksWithResolution)})`);
        output.out(`    ${space.description}`);
      }
    });
}
