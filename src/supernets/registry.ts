// The built-in super-networks by id: one line per family variant; descriptors are built once per option set.

import { CarveError, badInput, isCarveError } from '../core/errors.js';
import type { Genome } from '../space/types.js';
import { describeValue } from './native-config.js';
import { OFA_MBV3_ENTRIES } from './ofa-mobilenetv3/supernet.js';
import { OFA_PROXYLESS_ENTRY } from './ofa-proxyless/supernet.js';
import { OFA_RESNET50_ENTRY } from './ofa-resnet50/supernet.js';
import { FASHION_OFA_ENTRY } from './fashion-ofa/supernet.js';
import { BERT_BASE_ENTRY } from './bert-base/supernet.js';
import { VIT_B16_ENTRY } from './vit-b16/supernet.js';
import { HAT_WMT14_EN_DE_ENTRY } from './hat-wmt14-en-de/supernet.js';
import type { Supernet, SupernetEntry, SupernetOptions } from './types.js';

const BUILT_IN: readonly SupernetEntry[] = [
  FASHION_OFA_ENTRY,
  ...OFA_MBV3_ENTRIES,
  OFA_PROXYLESS_ENTRY,
  OFA_RESNET50_ENTRY,
  BERT_BASE_ENTRY,
  VIT_B16_ENTRY,
  HAT_WMT14_EN_DE_ENTRY,
];

const entries = new Map<string, SupernetEntry>(BUILT_IN.map((entry) => [entry.id, entry]));
const instances = new Map<string, Supernet>();

/** Adds a family variant (e.g. from a plug-in); an id may be registered once. */
export function registerSupernet(entry: SupernetEntry): void {
  if (entries.has(entry.id)) {
    throw new CarveError('CONFLICT', `a super-network with id "${entry.id}" is already registered`, { field: 'id', hint: 'choose another id' });
  }
  entries.set(entry.id, entry);
}

export function listSupernets(): SupernetEntry[] {
  return [...entries.values()];
}

function optionsKey(options: SupernetOptions): string {
  return `${options.resolution ?? 'fixed'}:${options.fixedResolution ?? ''}`;
}

/** The descriptor of a registered id; NOT_FOUND naming the known ids otherwise. Cached per id and options. */
export function getSupernet(id: string, options: SupernetOptions = {}): Supernet {
  const entry = entries.get(id);
  if (entry === undefined) {
    throw new CarveError('NOT_FOUND', `no super-network with id "${id}"`, {
      field: 'supernet',
      hint: `use one of ${[...entries.keys()].join(', ')} (see \`carve spaces\`)`,
    });
  }
  const key = `${id}|${optionsKey(options)}`;
  let supernet = instances.get(key);
  if (supernet === undefined) {
    supernet = entry.create(options);
    instances.set(key, supernet);
  }
  return supernet;
}

/**
 * The descriptor and genome of one native config, at the config's own input resolution (`r` or `image_size`,
 * any integer from 32 to 1024; absent means the family default). Costs and graphs of resolutions outside the
 * trained range are still exact: they describe the same layers on a larger or smaller image.
 */
export function resolveNativeConfig(id: string, config: unknown): { supernet: Supernet; genome: Genome } {
  let options: SupernetOptions = {};
  if (typeof config === 'object' && config !== null && !Array.isArray(config)) {
    const object = config as Record<string, unknown>;
    const key = object['r'] !== undefined ? 'r' : object['image_size'] !== undefined ? 'image_size' : undefined;
    if (key !== undefined) {
      const raw = object[key];
      const value = Array.isArray(raw) && raw.length === 1 ? raw[0] : raw;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 32 || value > 1024) {
        throw badInput(`config.${key}`, `${describeValue(raw)} is not an input resolution`, 'give an integer number of pixels from 32 to 1024, e.g. 224');
      }
      options = { fixedResolution: value };
      try {
        getSupernet(id, options);
      } catch (error) {
        // A family with one input size refuses others: name the config's own field.
        if (isCarveError(error) && error.field === 'fixedResolution') throw badInput(`config.${key}`, error.message, error.hint);
        throw error;
      }
    }
  }
  const supernet = getSupernet(id, options);
  return { supernet, genome: supernet.codec.fromNative(config) };
}
