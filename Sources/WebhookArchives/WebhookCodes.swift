import WearportCore

/// The explanations of the codes this module reports (`wearport validate --explain CODE`).
public enum WebhookCodes {
  public static let explanations: [CodeExplanation] = [
    CodeExplanation(
      .webhookSignatureInvalid, .warning,
      meaning:
        "A captured delivery's signature header (Polar-Webhook-Signature, X-Fitbit-Signature) does not match its body "
        + "with the secret given: the delivery may be forged, its body changed after capture, or the secret wrong. "
        + "With --strict the notification is rejected.",
      action: "Check the secret file; then check how the capture stored the body (it must be the exact bytes)."),
    CodeExplanation(
      .webhookSecretMissing, .note,
      meaning: "No secret was given, so signatures were not checked (status no_secret).",
      action:
        "Give --polar-webhook-secret-file or --fitbit-client-secret-file (or the WEARPORT_… environment variables)."),
    CodeExplanation(
      .webhookDateInvalid, .warning,
      meaning: "A notification's date does not name a real day; it is kept as text.",
      action: "Check the date at the pointer."),
    CodeExplanation(
      .webhookUnknownEvent, .note,
      meaning: "A Polar event or Fitbit collection type is not documented; the notification is kept.",
      action: "Nothing, unless it is a typing mistake in a fixture."),
    CodeExplanation(
      .webhookVerificationRequest, .note,
      meaning: "A Fitbit subscriber verification request (GET ?verify=…) carries no notification; it is skipped.",
      action: "Nothing."),
    CodeExplanation(
      .webhookNotADelivery, .note,
      meaning: "A captured request is not a webhook delivery (another method or body); it is skipped.",
      action: "Nothing."),
    CodeExplanation(
      .webhookBodyInvalid, .error,
      meaning: "A delivery's body is not a notification wearport can read (not JSON, or the wrong shape).",
      action: "Check the body of the capture at the location given."),
    CodeExplanation(
      .webhookBodyNotRead, .warning,
      meaning: "A fetched body stored with a notification (response_body) is not a format wearport reads.",
      action: "Check what the capture stored as the fetched body."),
    CodeExplanation(
      .webhookSubscriptionResponse, .note,
      meaning: "A Fitbit subscription response (subscribe or list) holds no notifications.",
      action: "Nothing."),
  ]
}
