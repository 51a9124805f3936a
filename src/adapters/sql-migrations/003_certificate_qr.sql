-- What a certificate's QR code holds, chosen by the centre at issuance: 'url' or 'credential'.
ALTER TABLE certificates ADD COLUMN qr TEXT NOT NULL DEFAULT 'url';
