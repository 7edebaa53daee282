package medinsight.server;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A note's permissions as Zeppelin 0.10 reads them ({@code GET /api/notebook/{id}/permissions}:
 * {@code readers}, {@code writers}, {@code runners}, {@code owners}, lists of user and role names)
 * and who may read the note by them, decided the way Zeppelin's {@code AuthorizationService.isReader}
 * does: a reader is a member of any of the four lists, and a list that is empty counts everyone
 * as its member. So one empty list of the four (an empty {@code runners}, say) opens the note to
 * every logged-in user. (Zeppelin also lets the role named by
 * {@code zeppelin.notebook.default.owner.username} read everything; the deployments here set none.)
 */
final class NoteAccess {
  static final List<String> LISTS = List.of("readers", "writers", "runners", "owners");

  private NoteAccess() {
  }

  static Set<String> members(JsonObject permissions, String list) {
    Set<String> out = new HashSet<>();
    JsonElement e = permissions.get(list);
    if (e != null && e.isJsonArray()) {
      for (JsonElement m : e.getAsJsonArray()) {
        if (!m.isJsonNull() && !m.getAsString().isBlank()) {
          out.add(m.getAsString().trim());
        }
      }
    }
    return out;
  }

  /** Whether a user with these names (the user name and its roles) may read the note. */
  static boolean mayRead(JsonObject permissions, Set<String> principals) {
    for (String list : LISTS) {
      Set<String> members = members(permissions, list);
      if (members.isEmpty() || !Collections.disjoint(members, principals)) {
        return true;
      }
    }
    return false;
  }

  /** True when none of the four lists names anyone: the state of a note nobody gave permissions. */
  static boolean none(JsonObject permissions) {
    return LISTS.stream().allMatch(l -> members(permissions, l).isEmpty());
  }
}
