/**
 * The keys that sign and check certificates (issue 25): a hub's own document key (`own` = 1, one at
 * most, with its private half), and the public keys received from the hub above (`own` null).
 */
export interface DocumentKeyTable {
  /** The first 8 bytes of the SHA-256 of the public key, base64url: named in each certificate. */
  key_id: string;
  /** Ed25519, SPKI DER, base64. */
  public_key: string;
  /** PKCS#8 PEM; only for this hub's own key. */
  private_key: string | null;
  /** 1 for this hub's own key (unique), null for a key from above. */
  own: number | null;
  created_at: string;
}
