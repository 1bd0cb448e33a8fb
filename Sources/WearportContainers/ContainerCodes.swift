import WearportCore

/// The explanations of the codes this module reports (`wearport validate --explain CODE`).
public enum ContainerCodes {
  public static let explanations: [CodeExplanation] = [
    CodeExplanation(
      .archiveTooDeep, .warning,
      meaning:
        "An archive is nested inside more archives than the limit; it is read as a plain document instead of being "
        + "opened (protection against archive bombs).",
      action: "Unpack the outer archives first if the inner one holds data.")
  ]
}
