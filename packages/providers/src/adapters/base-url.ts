/**
 * The SDKs append their own paths (`/v1/messages`, `/chat/completions`): strip a pasted full
 * endpoint or a doubled `/v1` so that `https://api.anthropic.com/v1` still works.
 */
export function sdkBaseUrl(protocol: 'anthropic-messages' | 'openai-chat', baseUrl: string): string {
  let url = baseUrl.trim().replace(/\/+$/, '');
  if (protocol === 'anthropic-messages') url = url.replace(/\/v1\/messages$/, '').replace(/\/v1$/, '');
  else url = url.replace(/\/chat\/completions$/, '');
  return url;
}
