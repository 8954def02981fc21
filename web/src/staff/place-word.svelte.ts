import { inPlaceWords, placesNamed, type Village } from '../../../shared/domain/places.ts';

/**
 * The staff screens say the villages' own word (thôn, ấp, bản, tổ dân phố...: shared/domain/places.ts)
 * where the catalog says "thôn": the box's villages with their kinds come from the kiosk info
 * (StaffApp sets them); a hub adds the villages its figures name, each with the kind its name says.
 */
class StaffPlaces {
  places = $state.raw<readonly Village[]>([]);
}
export const staffPlaces = new StaffPlaces();

/** A catalog text with "thôn" said with the word of the box's villages and of the villages named. */
export function local(text: string, names: readonly string[] = []): string {
  return inPlaceWords(text, [...staffPlaces.places, ...placesNamed(names, staffPlaces.places)]);
}
