/**
 * An employer in a destination country (issue 16, "Placements"): it outlives its tokens. Its
 * placements and follow-ups are its own, whichever of its tokens recorded or reads them, so a
 * rotated, second or revoked token never loses or splits them (migration 012).
 */
export interface Employer {
  id: string;
  label: string;
  /** ISO 3166-1 alpha-2: where its placements are */
  country: string;
  createdAt: string;
}
