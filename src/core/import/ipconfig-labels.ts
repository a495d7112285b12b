// `ipconfig /all` as Windows prints it in English, German, French, Spanish, Chinese (zh-CN) and Japanese (issue 12,
// item 3). The label strings are taken from real captures found with the code search (2026-12-07: public pastes of
// `ipconfig /all` on de-DE, fr-FR, es-ES/es-CO, zh-CN and ja-JP Windows). Only labels seen there are listed; a
// label not listed is not read, so its value stays unknown rather than guessed.

/** The line ipconfig starts with; it also tells an unlabelled block is ipconfig output. */
const CONFIG_HEADERS: readonly string[] = [
  'windows ip configuration',
  'windows-ip-konfiguration',
  'configuration ip de windows',
  'configuración ip de windows',
  'windows ip 配置',
  'windows ip 構成',
];

export function isIpconfigHeader(line: string): boolean {
  const text = line.trim().toLowerCase();
  return CONFIG_HEADERS.some((h) => text === h || text.startsWith(`${h} `));
}

export type IpconfigField =
  | 'host-name'
  | 'description'
  | 'physical-address'
  | 'media-state'
  | 'ipv4-address'
  | 'ipv6-address'
  | 'subnet-mask';

/** Label (lower case, without dot leaders) -> field. Address labels are matched by their IPv4/IPv6 token below. */
const LABELS: ReadonlyMap<string, IpconfigField> = new Map([
  ['host name', 'host-name'],
  ['hostname', 'host-name'],
  ["nom de l'hôte", 'host-name'],
  ['nom de l’hôte', 'host-name'],
  ['nombre de host', 'host-name'],
  ['nombre del host', 'host-name'],
  ['主机名', 'host-name'],
  ['ホスト名', 'host-name'],
  ['description', 'description'],
  ['beschreibung', 'description'],
  ['descripción', 'description'],
  ['描述', 'description'],
  ['説明', 'description'],
  ['physical address', 'physical-address'],
  ['physische adresse', 'physical-address'],
  ['adresse physique', 'physical-address'],
  ['dirección física', 'physical-address'],
  ['物理地址', 'physical-address'],
  ['物理アドレス', 'physical-address'],
  ['media state', 'media-state'],
  ['medienstatus', 'media-state'],
  ['statut du média', 'media-state'],
  ['estado de los medios', 'media-state'],
  ['メディアの状態', 'media-state'],
  ['subnet mask', 'subnet-mask'],
  ['subnetzmaske', 'subnet-mask'],
  ['masque de sous-réseau', 'subnet-mask'],
  ['máscara de subred', 'subnet-mask'],
  ['子网掩码', 'subnet-mask'],
  ['サブネット マスク', 'subnet-mask'],
]);

/** "Temporary IPv6 Address" rows are the privacy addresses Get-NetIPAddress also lists apart; not read here. */
const TEMPORARY = /temporary|temporäre|temporaire|temporal|临时|一時/i;

export function ipconfigField(label: string): IpconfigField | null {
  const key = label.trim().toLowerCase().replace(/\s+/g, ' ');
  const named = LABELS.get(key);
  if (named !== undefined) return named;
  // Every language keeps the IPv4 / IPv6 token: "IPv4-Adresse", "Adresse IPv4", "IPv4 地址", "Vínculo: dirección
  // IPv6 local", "IPv4-Adresse (Auto. Konfiguration)"; "DHCPv6" and "NetBIOS" rows do not carry it.
  if (/ipv4/.test(key)) return 'ipv4-address';
  if (/ipv6/.test(key) && !TEMPORARY.test(key)) return 'ipv6-address';
  return null;
}

/** "Media disconnected" in the languages above: the adapter is down. */
export function isMediaDisconnected(value: string): boolean {
  return /disconnected|getrennt|déconnecté|desconectados|接続されていません|断开/i.test(value);
}

/**
 * An adapter heading: `Ethernet adapter X:`, `Ethernet-Adapter X:`, `Carte Ethernet X :`, `Adaptador de Ethernet X:`,
 * `以太网适配器 X:`, `イーサネット アダプター X:`. Returns the adapter's name (the interface alias), or null.
 */
export function adapterName(line: string): string | null {
  if (/^\s/.test(line)) return null;
  const title = /^(.*?)\s*[:：]\s*$/.exec(line)?.[1];
  if (title === undefined || title === '') return null;
  const patterns: readonly RegExp[] = [
    // English and German: the type ends in "adapter" ("Unbekannter Adapter", "Mobiler Breitbandadapter").
    /^.*?adapter (.+)$/i,
    // Seen: "Carte Ethernet", "Carte réseau sans fil", "Adaptador (de) Ethernet", "Adaptador de LAN inalámbrica",
    // "Adaptador desconocido". A heading of another type is no adapter here (its rows are left out).
    /^Carte (?:Ethernet|réseau sans fil) (.+)$/i,
    /^Adaptador (?:de )?(?:Ethernet|LAN inalámbrica|desconocido) (.+)$/i,
    /^.*?适配器 (.+)$/,
    /^.*?アダプター (.+)$/,
  ];
  for (const pattern of patterns) {
    const name = pattern.exec(title)?.[1]?.trim();
    if (name) return name;
  }
  return null;
}

/**
 * `Label . . . : value`, split at the colon that ends the dot leaders: Spanish has a colon inside one label
 * ("Vínculo: dirección IPv6 local. . . : fe80::…") and German one after a parenthesis ("IPv4-Adresse (Auto.
 * Konfiguration): 169.254.…"). The separator is the first colon after a space, a dot or `)`; else the first colon.
 */
export function ipconfigRow(line: string): { readonly label: string; readonly value: string } | null {
  if (!/^\s/.test(line)) return null;
  let cut = -1;
  let first = -1;
  for (let i = 0; i < line.length; i++) {
    if (line[i] !== ':' && line[i] !== '：') continue;
    if (first === -1) first = i;
    const before = line[i - 1];
    if (before === ' ' || before === '.' || before === ')') {
      cut = i;
      break;
    }
  }
  if (cut === -1) cut = first;
  if (cut === -1) return null;
  let end = cut;
  while (end > 0 && (line[end - 1] === '.' || line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  return { label: line.slice(0, end).trim(), value: line.slice(cut + 1).trim() };
}

/** The host name ipconfig /all shows in its first section, in any language above. */
export function ipconfigHostName(lines: readonly string[]): string | null {
  for (const line of lines) {
    if (adapterName(line) !== null) return null;
    const row = ipconfigRow(line);
    if (row && ipconfigField(row.label) === 'host-name') {
      const name = row.value.split(/\s/, 1)[0] ?? '';
      if (name !== '') return name;
    }
  }
  return null;
}
