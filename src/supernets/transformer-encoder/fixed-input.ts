// Transformer families have a fixed input (sequence length or image size): resolution options are checked here.

import { badInput } from '../../core/errors.js';
import type { SupernetOptions } from '../types.js';

/** Accepts only the fixed input size `size` (what a family's `resolutions` lists); names the option otherwise. */
export function checkFixedInput(id: string, options: SupernetOptions, size: number, what: string): void {
  if (options.resolution !== undefined && options.resolution !== 'fixed') {
    throw badInput('resolution', `${id} has a fixed input (${what})`, 'leave resolution out or use "fixed"');
  }
  if (options.fixedResolution !== undefined && options.fixedResolution !== size) {
    throw badInput('fixedResolution', `${id} only takes ${what}, not ${options.fixedResolution}`, `use ${size} or leave it out`);
  }
}
