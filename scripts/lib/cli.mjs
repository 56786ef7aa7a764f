// Argument handling shared by the analysis scripts: bad input prints the reason and the usage and exits 2.

/** The script's arguments with `fail` (message + usage, exit 2) and `flag` (removes `--name value`, or the fallback). */
export function scriptArgs(usage) {
  const args = process.argv.slice(2);
  const fail = (message) => {
    console.error(`${message}\n${usage}`);
    process.exit(2);
  };
  const flag = (name, fallback) => {
    const at = args.indexOf(`--${name}`);
    if (at < 0) return fallback;
    const value = args[at + 1];
    if (value === undefined) fail(`--${name} needs a value`);
    args.splice(at, 2);
    return value;
  };
  return { args, fail, flag };
}
