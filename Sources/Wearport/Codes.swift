import FitbitFormats
import PolarFormats
import TrainingXML
import WearportContainers
import WearportCore
import WebhookArchives

extension Formats {
  /// Every code this build can report, explained (`wearport validate --explain CODE`, `--list-codes`).
  ///
  /// Each module lists its own codes; a new module adds its list here. A test fails when a declared code has no
  /// explanation.
  public static let codes = CodeCatalog([
    CodeCatalog.core, ContainerCodes.explanations, PolarCodes.explanations, FitbitCodes.explanations,
    WebhookCodes.explanations, TrainingXMLCodes.explanations, Formats.explanations,
  ])

  /// The codes this module declares.
  static let explanations: [CodeExplanation] = [
    CodeExplanation(
      .outputUnsupported, .error,
      meaning: "The output format asked for is not available in this build. The exit status is 64.",
      action: "Choose another --to format."),
    CodeExplanation(
      .inputUnexpectedFormat, .error,
      meaning:
        "`validate --expect FORMAT` was given and the document was recognised as another format (the message names "
        + "it), or as none. The document is not read.",
      action:
        "Check that the file is what it claims to be; `wearport inspect FILE` shows what it is read as. Use a prefix "
        + "such as --expect polar.accesslink when a folder holds several formats of one family."),
  ]
}
