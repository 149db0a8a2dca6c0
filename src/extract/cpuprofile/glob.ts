/**
 * A path glob as users write them in --include/--exclude: `**` any depth, `*` within one
 * path segment, `?` one character. Matched against the whole path.
 */
export function globToRegExp(glob: string): RegExp {
  let pattern = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i] as string;
    if (char === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      pattern += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (char === '*') pattern += '[^/]*';
    else if (char === '?') pattern += '[^/]';
    else pattern += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${pattern}$`);
}

export function pathFilter(include: readonly string[], exclude: readonly string[]): (path: string) => boolean {
  const includes = include.map(globToRegExp);
  const excludes = exclude.map(globToRegExp);
  return (path) => (includes.length === 0 || includes.some((re) => re.test(path))) && !excludes.some((re) => re.test(path));
}
