// `carve spaces`: the built-in super-networks with their genes and exact numbers of distinct sub-networks.

import type { Command } from 'commander';
import { isCarveError } from '../../core/errors.js';
import { getSupernet, listSupernets, type Supernet } from '../../supernets/index.js';
import type { CliOutput } from '../output.js';

interface SpaceSummary {
  readonly id: string;
  readonly title: string;
  readonly family: string;
  readonly genes: number;
  readonly defaultResolution: number;
  /** px for images, tokens for sequence models. */
  readonly inputUnit: 'px' | 'tokens';
  /** Distinct sub-networks at the default resolution (canonical genomes). */
  readonly subnetworks: string;
  /** Input sizes when resolution is a gene; 1 for a family with a fixed input. */
  readonly resolutions: number;
  /** Null for a family whose input size is fixed. */
  readonly subnetworksWithResolution: string | null;
  readonly description: string;
}

export function summarizeSpaces(): SpaceSummary[] {
  return listSupernets().map((entry) => {
    const fixed = getSupernet(entry.id);
    const elastic = elasticVariant(entry.id);
    return {
      id: entry.id,
      title: entry.title,
      family: entry.family,
      genes: fixed.space.geneCount,
      defaultResolution: fixed.defaultResolution,
      inputUnit: fixed.inputUnit ?? 'px',
      subnetworks: fixed.space.cardinality().toString(),
      resolutions: elastic === null ? 1 : elastic.resolutions.length,
      subnetworksWithResolution: elastic === null ? null : elastic.space.cardinality().toString(),
      description: entry.description,
    };
  });
}

/** The variant with resolution as a gene, or null for a family whose input size is fixed. */
function elasticVariant(id: string): Supernet | null {
  try {
    return getSupernet(id, { resolution: 'elastic' });
  } catch (error) {
    if (isCarveError(error) && error.code === 'BAD_INPUT') return null;
    throw error;
  }
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
        output.out(`    ${space.genes} genes; ${space.subnetworks} sub-networks (${scientific(space.subnetworks)}) at ${space.defaultResolution}${space.inputUnit === 'px' ? 'px' : ' tokens'}`);
        if (space.subnetworksWithResolution !== null) {
          output.out(`    with resolution elastic (${space.resolutions} sizes): ${space.subnetworksWithResolution} (${scientific(space.subnetworksWithResolution)})`);
        }
        output.out(`    ${space.description}`);
      }
    });
}
