/** The value after `--name` in a command's arguments (`--server URL`), if the flag is given. */
export const option = (args: readonly string[], name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
