// Fix hints for misspelt names: the closest known name, or a short list of the known ones.

/** Edit distance (insertions, deletions, substitutions), used only to suggest a likely intended name. */
function editDistance(left: string, right: string): number {
  let previous = new Array<number>(right.length + 1);
  let current = new Array<number>(right.length + 1);
  for (let j = 0; j <= right.length; j += 1) previous[j] = j;
  for (let i = 1; i <= left.length; i += 1) {
    current[0] = i;
    for (let j = 1; j <= right.length; j += 1) {
      const substitution = (previous[j - 1] as number) + (left[i - 1] === right[j - 1] ? 0 : 1);
      const deletion = (previous[j] as number) + 1;
      const insertion = (current[j - 1] as number) + 1;
      current[j] = Math.min(substitution, deletion, insertion);
    }
    [previous, current] = [current, previous];
  }
  return previous[right.length] as number;
}

/** The known name closest to `wanted`, when it is close enough to be a plausible typo. */
export function closestName(wanted: string, known: Iterable<string>): string | undefined {
  const tolerance = Math.max(2, Math.floor(wanted.length / 3));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const name of known) {
    const distance = editDistance(wanted.toLowerCase(), name.toLowerCase());
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return bestDistance <= tolerance ? best : undefined;
}

/** Quoted, comma-separated names, cut after `limit` so hints stay one line. */
export function listNames(names: readonly unknown[], limit = 12): string {
  const shown = names.slice(0, limit).map((name) => JSON.stringify(name));
  const rest = names.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ');
}

/** "did you mean X?" when a close name exists, else the list of known names. */
export function unknownNameHint(wanted: string, known: readonly string[], what: string): string {
  const closest = closestName(wanted, known);
  if (closest !== undefined) return `did you mean "${closest}"? (known ${what}: ${listNames(known)})`;
  return `use one of the known ${what}: ${listNames(known)}`;
}
