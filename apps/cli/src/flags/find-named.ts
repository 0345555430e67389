import { usageError } from '../cli-error';

/** How to create the first one of each kind of item, for the refusal when a team has none. */
const CREATE_WITH: Record<string, string> = {
  project: 'switchyard projects create NAME --repo-path PATH',
  profile: 'switchyard profiles duplicate Balanced --name NAME',
  credential: 'printf %s "$KEY" | switchyard credentials add --provider PROVIDER',
  'API key': 'switchyard api-keys create NAME',
};

/**
 * The item whose id is `input`, else whose name is (case-insensitive). None or several is exit 2
 * listing what there is.
 */
export function findNamed<T extends { id: string; name: string }>(
  items: readonly T[],
  input: string,
  what: string,
  flag: string,
): T {
  const wanted = input.trim();
  const byId = items.find((item) => item.id === wanted);
  if (byId) return byId;
  const byName = items.filter((item) => item.name.trim().toLowerCase() === wanted.toLowerCase());
  if (byName.length === 1) return byName[0]!;
  const names = items.map((item) => `"${item.name}"`).join(', ');
  if (byName.length > 1)
    throw usageError(
      `Several ${what}s are named "${wanted}".`,
      `Pass the id instead: ${flag} ${byName.map((item) => item.id).join(' or ')}.`,
    );
  throw usageError(
    `No ${what} "${wanted}" in your team.`,
    items.length
      ? `Pass ${flag} with one of: ${names} (or an id).`
      : `Your team has no ${what}s yet: create one ${CREATE_WITH[what] ? `with ${CREATE_WITH[what]}` : 'in the dashboard'}.`,
  );
}
