// Who is acting: a person (through a token that acts as them, or a signed-in browser), an automation token
// that acts for no one, or the local operator at the command line.
export interface Actor {
  personId: string | null;
  tokenId: string | null;
}

export const LOCAL_ACTOR: Actor = { personId: null, tokenId: null };

export type ActorKind = "person" | "automation" | "local";

export function actorKind(actor: Actor): ActorKind {
  if (actor.personId) return "person";
  return actor.tokenId ? "automation" : "local";
}
