"""Watch lists: official files read into one shape, versioned in the store, screened against."""
