// Reads an initiative file, turning a missing or unreadable file into a clear input error.
import { readFile } from "node:fs/promises";
import { AppError } from "../../domain/app-error.ts";

export async function readInitiativeText(path: string, shownAs: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : "cannot be read";
    throw AppError.invalid(`${shownAs}: ${reason}`, [{ path: "FILE", message: reason }]);
  }
}
