SELECT reason, drops FROM drops_by_reason;
